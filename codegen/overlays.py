"""Schema overlays: the hand-written fixes under ``overlays/schema``, applied before generation.

    overlays/schema/10-nullable-relations.yaml    applied first (files in name order)
    overlays/schema/20-....yaml                   applied next, to the result

Each file is an OpenAPI Overlay document (see ``overlay_document``). Its actions change the
schema in order, each on every node its target selects, as the Overlay Specification says
(1.1 states precisely what 1.0 left loose):

    update an object      properties added; primitives replaced, objects merged recursively,
                          arrays extended; an object meeting a primitive is an error
    update an array       the items of an array update appended, any other update appended
    update a primitive    replaced by the update
    remove                the node is removed from the object or array that holds it
    copy                  like update, with the value of the one node ``copy`` selects

Where we are stricter than the specification, on purpose:
- a target that matches nothing is an error, not a silent no-op: a fix whose part of the
  schema changed must be looked at, not lost;
- arrays receive only the items they lack, so applying a fix twice changes nothing; that is
  how a fix the schema already has is found and reported, so the action can be deleted.
"""

import copy
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonpath import JSONPathError

from .errors import OverlayError, SchemaError
from .overlay_document import ActionKind, JSONPathQuery, Overlay, OverlayAction, read_overlay
from .schema_document import validate_openapi_30

logger = logging.getLogger("codegen.overlays")

OVERLAY_SUFFIXES = (".yaml", ".yml", ".json")

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class OverlayResult:
    """What applying one overlay did: the actions that changed the schema, and the rest."""

    overlay: Overlay
    changed: tuple[OverlayAction, ...]
    unchanged: tuple[OverlayAction, ...]


def overlay_files(directory: Path) -> list[Path]:
    """The overlay files in ``directory``, in the order they apply: by file name.

    A missing directory holds none. Other files (a README, ``.gitkeep``) are ignored.
    """
    if not directory.is_dir():
        return []
    files = [path for path in directory.iterdir() if path.is_file()]
    return sorted(
        (path for path in files if path.suffix in OVERLAY_SUFFIXES), key=lambda path: path.name
    )


def apply_overlay_directory(
    document: dict[str, Any], directory: Path, shown: Callable[[Path], str]
) -> list[OverlayResult]:
    """Apply every overlay file in ``directory`` to ``document``, in file-name order.

    ``shown`` gives a file's name for messages. Every file is read and checked before any is
    applied, and the result is validated as OpenAPI 3.0. Logs, for each file, how many actions
    it applied, and a warning for each action that changes nothing. Changes ``document`` in
    place; raises OverlayError, after which ``document`` may be half changed and must be
    dropped.
    """
    paths = overlay_files(directory)
    if not paths:
        logger.debug("no schema overlays in %s", shown(directory))
        return []
    overlays = [read_overlay(path, shown(path)) for path in paths]

    results = []
    for path, overlay in zip(paths, overlays, strict=True):
        results.append(apply_overlay(document, overlay))
        _report(path.name, results[-1])

    _require_valid_openapi(document, [overlay.source for overlay in overlays])
    return results


def apply_overlay(document: dict[str, Any], overlay: Overlay) -> OverlayResult:
    """Apply the actions of ``overlay`` to ``document`` in order, changing it in place.

    Raises OverlayError naming the file and the action when a target matches nothing, a copy
    source is not exactly one node, or an update does not have the shape of a node it targets.
    """
    changed: list[OverlayAction] = []
    unchanged: list[OverlayAction] = []
    for action in overlay.actions:
        where = f"{overlay.source}: {action.name}"
        locations = _select(document, action.query, where)
        if not locations:
            raise OverlayError(
                f"{where} targets {action.target}, which matches nothing; the schema changed: "
                "update or remove the action."
            )

        if action.kind is ActionKind.REMOVE:
            _remove(document, locations, where)
            action_changed = True
        elif action.kind is ActionKind.COPY:
            action_changed = _update(document, locations, _copied(document, action, where), where)
        else:
            action_changed = _update(document, locations, action.update, where)

        logger.debug(
            "%s: %s %d node(s) at %s%s",
            where,
            action.kind.value,
            len(locations),
            action.target,
            "" if action_changed else ", changing nothing",
        )
        (changed if action_changed else unchanged).append(action)
    return OverlayResult(overlay=overlay, changed=tuple(changed), unchanged=tuple(unchanged))


def _select(document: dict[str, Any], query: JSONPathQuery, where: str) -> list[Location]:
    """The locations ``query`` selects, each once, in document order."""
    try:
        matches = list(query.finditer(document))
    except JSONPathError as error:
        raise OverlayError(f"{where}: JSONPath failed on the schema: {error.message}.") from None
    # RFC 9535 lets a query select one node twice (`$['a','a']`); it must change once.
    return list(dict.fromkeys(tuple(match.parts) for match in matches))


def _remove(document: dict[str, Any], locations: list[Location], where: str) -> None:
    if () in locations:
        raise OverlayError(f"{where} targets the whole document, which cannot be removed.")

    # Every container is found before anything is removed, and array items are removed from
    # the last, so no removal shifts what a later one points at.
    holders = [(_resolve(document, location[:-1]), location[-1]) for location in locations]
    for container, key in sorted(holders, key=_array_index_descending):
        del container[key]


def _array_index_descending(holder: tuple[Any, str | int]) -> int:
    key = holder[1]
    return -key if isinstance(key, int) else 0


def _copied(document: dict[str, Any], action: OverlayAction, where: str) -> Any:
    """The value a copy action merges: the one node its ``copy`` query selects."""
    assert action.copy_from is not None
    sources = _select(document, action.copy_from, where)
    if len(sources) != 1:
        found = "nothing" if not sources else f"{len(sources)} nodes"
        raise OverlayError(
            f"{where} copies from {action.copy_from}, which matches {found}; it must match "
            "exactly one node."
        )
    return copy.deepcopy(_resolve(document, sources[0]))


def _update(document: dict[str, Any], locations: list[Location], value: Any, where: str) -> bool:
    """Merge ``value`` into the node at each location; return whether any node changed."""
    # Limitation: a schema using YAML anchors shares one node between its aliases, so an
    # update through one alias shows at all of them. drf-spectacular writes no anchors.
    changed = False
    for location in locations:
        node = _resolve(document, location)
        # An array target takes a non-array update as one more item.
        addition = [value] if isinstance(node, list) and not isinstance(value, list) else value
        try:
            merged, node_changed = _merged(node, addition)
        except _ShapeMismatch as mismatch:
            at = _normalized_path(location + mismatch.path)
            raise OverlayError(
                f"{where} cannot merge {_kind_of(mismatch.update)} into "
                f"{_kind_of(mismatch.node)} at {at}; give the update the shape of its target."
            ) from None
        if merged is not node:
            _resolve(document, location[:-1])[location[-1]] = merged
        changed = changed or node_changed
    return changed


class _ShapeMismatch(Exception):
    """An update value met a node of another shape (object, array or primitive)."""

    def __init__(self, path: Location, node: Any, update: Any) -> None:
        super().__init__(path)
        self.path = path
        self.node = node
        self.update = update


def _merged(node: Any, update: Any, path: Location = ()) -> tuple[Any, bool]:
    """``update`` merged into ``node``: the resulting node, and whether it differs.

    Objects and arrays are changed in place; a primitive is replaced by the returned value.
    Raises _ShapeMismatch naming the path, below ``node``, where the shapes differ.
    """
    if isinstance(node, dict) and isinstance(update, dict):
        changed = False
        for key, value in update.items():
            if key in node:
                node[key], key_changed = _merged(node[key], value, (*path, key))
            else:
                node[key], key_changed = copy.deepcopy(value), True
            changed = changed or key_changed
        return node, changed

    if isinstance(node, list) and isinstance(update, list):
        missing = [item for item in update if not any(_same_json(item, old) for old in node)]
        node.extend(copy.deepcopy(_distinct(missing)))
        return node, bool(missing)

    if not isinstance(node, dict | list) and not isinstance(update, dict | list):
        return update, not _same_json(node, update)

    raise _ShapeMismatch(path, node, update)


def _distinct(items: Iterable[Any]) -> list[Any]:
    distinct: list[Any] = []
    for item in items:
        if not any(_same_json(item, kept) for kept in distinct):
            distinct.append(item)
    return distinct


def _same_json(left: Any, right: Any) -> bool:
    """Whether two values are the same JSON value (in Python, ``True == 1``; not in JSON)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same_json(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same_json, left, right))
    return isinstance(left, bool) == isinstance(right, bool) and bool(left == right)


def _resolve(document: dict[str, Any], location: Location) -> Any:
    node: Any = document
    for part in location:
        node = node[part]
    return node


def _normalized_path(location: Location) -> str:
    """``location`` as an RFC 9535 normalized path: ``$['paths']['/v1/x'][0]``."""
    parts = []
    for part in location:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "$" + "".join(parts)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "null" if value is None else f"the {type(value).__name__} {value!r}"


def _report(file_name: str, result: OverlayResult) -> None:
    applied = len(result.changed)
    summary = f"overlay {file_name}: {applied} action{'' if applied == 1 else 's'} applied"
    if result.unchanged:
        summary += f", {len(result.unchanged)} changing nothing"
    logger.info("%s", summary)

    for action in result.unchanged:
        logger.warning(
            "%s: action %d (line %d, target %s) changes nothing: the schema already has this "
            "fix; remove the action",
            result.overlay.source,
            action.number,
            action.line,
            action.target,
        )


def _require_valid_openapi(document: dict[str, Any], sources: list[str]) -> None:
    # An overlay can break what the pinned schema had right (a `$ref` to a removed component);
    # the generator would then fail far from the cause.
    try:
        validate_openapi_30(document, f"the schema after {', '.join(sources)}")
    except SchemaError as error:
        raise OverlayError(str(error)) from None
