"""Reading an overlay file: one OpenAPI Overlay document, checked before anything is applied.

An overlay file is YAML (JSON is YAML too) holding an Overlay Specification 1.0 document, or
1.1 when it uses ``copy``:

    overlay: 1.0.0
    info: {title: ..., version: ...}
    extends: ...                       optional; not compared with the schema
    actions:                           at least one, applied in order
      - target: <RFC 9535 JSONPath>    the nodes the action changes
        description: ...               why the fix exists: required here, optional in the spec
        update: <value>                merged into each target node, or
        remove: true                   each target node removed, or
        copy: <RFC 9535 JSONPath>      (1.1) the value of the one node it selects, merged

Every problem is reported as one OverlayError line naming the file, the line, the action
(numbered from 1) and what to change. Unknown fields are refused, except ``x-`` extensions:
a misspelt ``updte`` must not turn a fix into nothing.
"""

import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonpath import CompoundJSONPath, JSONPath, JSONPathEnvironment, JSONPathError

from .errors import OverlayError

# The C loader is faster where PyYAML was built with libyaml; both give the same result.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# RFC 9535 and nothing more: overlays must mean the same to every Overlay tool, so the
# library's own extensions (unions with `|`, key selectors with `~`, ...) are refused.
_JSONPATH = JSONPathEnvironment(strict=True)

_SUPPORTED_VERSION = re.compile(r"1\.(?P<minor>[01])\.\d+")
_OVERLAY_FIELDS = ("overlay", "info", "extends", "actions")
_INFO_FIELDS = ("title", "version", "description")
_ACTION_FIELDS = ("target", "description", "update", "remove", "copy")

JSONPathQuery = JSONPath | CompoundJSONPath


class ActionKind(enum.Enum):
    """What an action does to the nodes its target selects."""

    UPDATE = "update"
    REMOVE = "remove"
    COPY = "copy"


@dataclass(frozen=True)
class OverlayAction:
    """One checked action of an overlay file.

    ``number`` counts from 1 in its file and ``line`` is where the action starts. ``update`` is
    the value to merge (UPDATE only); ``copy_from`` selects the value to merge (COPY only).
    """

    number: int
    line: int
    target: str
    query: JSONPathQuery
    description: str
    kind: ActionKind
    update: Any = None
    copy_from: JSONPathQuery | None = None

    @property
    def name(self) -> str:
        """How messages name the action: ``action 3 (line 14)``."""
        return f"action {self.number} (line {self.line})"


@dataclass(frozen=True)
class Overlay:
    """A checked overlay file; ``source`` is the file as messages name it."""

    source: str
    title: str
    actions: tuple[OverlayAction, ...]


def read_overlay(path: Path, source: str) -> Overlay:
    """Read and check the overlay file at ``path``; ``source`` names it in messages.

    Raises OverlayError, on one line naming ``source`` and the line, when the file cannot be
    read, is not YAML, or is not an Overlay 1.0 or 1.1 document that follows our rules.
    """
    text = _read_text(path, source)
    root_node, document = _parse_yaml(text, source)

    if root_node is None:
        raise OverlayError(f"{source}: is empty; expected an Overlay document.")
    _require_unique_keys(root_node, source)
    if not isinstance(document, dict):
        raise OverlayError(
            f"{source}: line 1: is {_kind_of(document)}, not an Overlay document "
            "(a mapping with overlay, info and actions)."
        )
    line_of = _key_lines(root_node)

    _require_known_fields(document, _OVERLAY_FIELDS, line_of, source)
    minor_version = _read_version(document, source, line_of.get("overlay", 1))
    title = _read_info(document, source, _value_node(root_node, "info"), line_of.get("info", 1))
    _read_extends(document, source, line_of.get("extends", 1))
    action_nodes = _read_action_list(document, source, root_node)

    actions = tuple(
        _read_action(action, node, source, number, minor_version)
        for number, (action, node) in enumerate(
            zip(document["actions"], action_nodes, strict=True), start=1
        )
    )
    return Overlay(source=source, title=title, actions=actions)


def _read_text(path: Path, source: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OverlayError(f"{source}: is not UTF-8 text (at byte {error.start}).") from None
    except OSError as error:
        raise OverlayError(f"{source}: cannot be read: {error.strerror}.") from None


def _parse_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    """Parse ``text`` into its node tree (which knows lines) and the value it builds."""
    loader = _YAML_LOADER(text)
    try:
        root_node = loader.get_single_node()
        document = loader.construct_document(root_node) if root_node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or error.context or "cannot be parsed"
        raise OverlayError(f"{source}: invalid YAML{where}: {problem}.") from None
    except yaml.YAMLError as error:
        first_line = str(error).strip().splitlines()[0]
        raise OverlayError(f"{source}: invalid YAML: {first_line}.") from None
    finally:
        loader.dispose()
    return root_node, document


def _require_unique_keys(root_node: yaml.Node, source: str) -> None:
    # YAML keeps the last of two equal keys without a word; in an overlay that is usually an
    # action whose leading "- " was lost, merged into the action above it.
    pending = [root_node]
    visited: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))

        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    raise OverlayError(
                        f"{source}: line {key_node.start_mark.line + 1}: key '{key}' appears "
                        "twice in one mapping; did an action lose its leading '- '?"
                    )
                seen.add(key)
                pending.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The line of each key of a mapping node, for messages; none for another node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def _value_node(node: yaml.Node, key: str) -> yaml.Node | None:
    """The node of the value of ``key`` in a mapping node, if there is one."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for found, value in node.value if found.value == key), None)


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _read_version(document: dict[str, Any], source: str, line: int) -> int:
    """Check the ``overlay`` field; return the minor version (0 or 1)."""
    if "overlay" not in document:
        raise OverlayError(
            f"{source}: line 1: has no 'overlay' field, so it is not an Overlay document; "
            "start it with `overlay: 1.0.0`."
        )
    version = document["overlay"]
    if not isinstance(version, str):
        raise OverlayError(
            f"{source}: line {line}: overlay version is {_kind_of(version)}, not text such "
            "as '1.0.0'; quote it."
        )
    supported = _SUPPORTED_VERSION.fullmatch(version)
    if supported is None:
        raise OverlayError(
            f"{source}: line {line}: declares overlay {version}; only Overlay 1.0.x and "
            "1.1.x documents are supported."
        )
    return int(supported["minor"])


def _read_info(
    document: dict[str, Any], source: str, info_node: yaml.Node | None, line: int
) -> str:
    """Check the ``info`` object, whose key is on ``line``; return its title."""
    info = document.get("info")
    if not isinstance(info, dict):
        found = "no 'info'" if info is None else f"an 'info' that is {_kind_of(info)}"
        raise OverlayError(
            f"{source}: line {line}: has {found}; an Overlay document needs "
            "`info: {{title: ..., version: ...}}`."
        )
    _require_known_fields(info, _INFO_FIELDS, _key_lines(info_node), f"{source}: info")
    for field in ("title", "version"):
        if not isinstance(info.get(field), str) or not info[field].strip():
            raise OverlayError(
                f"{source}: line {line}: info.{field} is missing or not text; add it."
            )
    return str(info["title"])


def _read_extends(document: dict[str, Any], source: str, line: int) -> None:
    if "extends" in document and not isinstance(document["extends"], str):
        raise OverlayError(
            f"{source}: line {line}: 'extends' is {_kind_of(document['extends'])}, not the "
            "URL of the document the overlay applies to."
        )


def _read_action_list(
    document: dict[str, Any], source: str, root_node: yaml.Node
) -> list[yaml.Node]:
    """Check that ``actions`` is a non-empty list; return the node of each action."""
    actions = document.get("actions")
    actions_node = _value_node(root_node, "actions")
    if not isinstance(actions, list) or not actions:
        found = "no 'actions'" if actions is None else f"'actions' that is {_kind_of(actions)}"
        if actions == []:
            found = "an empty 'actions' list"
        raise OverlayError(
            f"{source}: line {_line(actions_node)}: has {found}; an Overlay document needs a "
            "list of at least one action."
        )
    assert isinstance(actions_node, yaml.SequenceNode)
    return list(actions_node.value)


def _read_action(
    action: Any, action_node: yaml.Node, source: str, number: int, minor_version: int
) -> OverlayAction:
    line = _line(action_node)
    where = f"{source}: action {number} (line {line})"
    if not isinstance(action, dict):
        raise OverlayError(
            f"{where}: is {_kind_of(action)}, not a mapping with a target and an update or remove."
        )
    _require_known_fields(action, _ACTION_FIELDS, _key_lines(action_node), where)

    target = action.get("target")
    if not isinstance(target, str):
        found = "has no 'target'" if target is None else f"has a target that is {_kind_of(target)}"
        raise OverlayError(f"{where}: {found}; give the JSONPath of the nodes to change.")
    query = _compile_jsonpath(target, f"{where}: target")

    description = action.get("description")
    if not isinstance(description, str) or not description.strip():
        raise OverlayError(
            f"{where}: has no description; say why the schema needs this fix, so that it can "
            "be dropped once the server's schema has it."
        )

    kind = _read_kind(action, where, minor_version)
    if kind is ActionKind.UPDATE:
        _require_json_value(action["update"], f"{where}: 'update'")
    copy_from = _compile_jsonpath(action["copy"], f"{where}: copy") if "copy" in action else None
    return OverlayAction(
        number=number,
        line=line,
        target=target,
        query=query,
        description=description.strip(),
        kind=kind,
        update=action.get("update"),
        copy_from=copy_from,
    )


def _read_kind(action: dict[str, Any], where: str, minor_version: int) -> ActionKind:
    """Which one of update, remove and copy the action does; exactly one is allowed."""
    remove = action.get("remove", False)
    if not isinstance(remove, bool):
        raise OverlayError(f"{where}: 'remove' is {_kind_of(remove)}; it must be true or false.")
    if "copy" in action and minor_version < 1:
        raise OverlayError(f"{where}: 'copy' needs Overlay 1.1; declare `overlay: 1.1.0`.")

    kinds = [
        kind
        for kind, present in (
            (ActionKind.UPDATE, "update" in action),
            (ActionKind.REMOVE, remove),
            (ActionKind.COPY, "copy" in action),
        )
        if present
    ]
    if not kinds:
        choices = "neither 'update' nor 'remove: true'"
        if minor_version >= 1:
            choices = "none of 'update', 'remove: true' and 'copy'"
        raise OverlayError(f"{where}: has {choices}; say what the action does.")
    if len(kinds) > 1:
        both = " and ".join(f"'{kind.value}'" for kind in kinds)
        raise OverlayError(f"{where}: has both {both}; split it into one action for each.")
    return kinds[0]


def _compile_jsonpath(query: Any, where: str) -> JSONPathQuery:
    if not isinstance(query, str):
        raise OverlayError(f"{where} is {_kind_of(query)}, not a JSONPath.")
    try:
        return _JSONPATH.compile(query)
    except JSONPathError as error:
        token = error.token
        position = (
            f" at character {token.index + 1}" if token is not None and token.index >= 0 else ""
        )
        raise OverlayError(
            f"{where} {query} is not an RFC 9535 JSONPath: {error.message}{position}."
        ) from None


def _require_json_value(value: Any, where: str) -> None:
    # YAML reads `200:` as a number and an unquoted date as a date; neither exists in JSON,
    # and the schema's keys are text, so such an update would silently add a second key.
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        path, current = pending.pop()
        if isinstance(current, dict):
            for key, child in current.items():
                if not isinstance(key, str):
                    raise OverlayError(
                        f"{where} has key {key!r}{_at(path)}, which is {_kind_of(key)}, not "
                        "text; quote it."
                    )
                pending.append((f"{path}.{key}", child))
        elif isinstance(current, list):
            pending.extend((f"{path}[{index}]", item) for index, item in enumerate(current))
        elif not isinstance(current, str | int | float | bool | None):
            raise OverlayError(
                f"{where} has {_kind_of(current)} {current!s}{_at(path)}, which JSON does not "
                "have; quote it."
            )


def _require_known_fields(
    mapping: dict[str, Any], known: tuple[str, ...], key_lines: dict[str, int], where: str
) -> None:
    for field in mapping:
        if field not in known and not str(field).startswith("x-"):
            raise OverlayError(
                f"{where}: unknown field '{field}' at line {key_lines.get(str(field), 1)}; the "
                f"fields are {', '.join(known)} (and x- extensions)."
            )


def _at(path: str) -> str:
    return f" at {path.lstrip('.')}" if path else ""


def _kind_of(value: Any) -> str:
    kinds = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
    }
    if value is None:
        return "null"
    if type(value).__name__ in ("date", "datetime"):
        return "a date"
    return kinds.get(type(value), type(value).__name__)
