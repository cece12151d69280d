"""Keep one media type per request body: the one the generated client should send.

drf-spectacular lists every request body under ``application/json``,
``application/x-www-form-urlencoded`` and ``multipart/form-data``, all with one schema.
openapi-python-client 0.29.1 turns that into a union of three identical types: the module
names an undefined ``Unset`` and does not import, and once patched every ``isinstance`` branch
matches and the last one wins, so bodies go out as multipart forms.

The client speaks JSON, so a body keeps JSON alone wherever it is offered, except where
multipart is offered too and the body has a file field (``format: binary``), which JSON cannot
carry. Without JSON, a body keeps ``multipart/form-data`` alone: it carries everything a
urlencoded form does, and files. Bodies offering neither are left as they are.
"""

import copy
from dataclasses import dataclass
from typing import Any

from .schema_tree import (
    component_schemas,
    inline_schemas,
    reachable_components,
    request_bodies,
)

JSON = "application/json"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class RequestBodyReport:
    """How many request bodies were narrowed to one media type, and how many types went."""

    json_kept: int
    multipart_kept: int
    media_types_dropped: int

    def summary(self) -> str:
        """One line for the pipeline's log."""
        return (
            f"kept {JSON} alone in {self.json_kept} request bodies, {MULTIPART} alone in "
            f"{self.multipart_kept} (no JSON offered, or file fields), "
            f"dropped {self.media_types_dropped} other media types"
        )


def keep_one_request_media_type(
    document: dict[str, Any],
) -> tuple[dict[str, Any], RequestBodyReport]:
    """Return a copy of ``document`` whose request bodies each offer one media type.

    Operations' inline bodies and those under ``components.requestBodies`` are both narrowed.
    ``document`` itself is not changed; running this on its own result changes nothing.
    """
    narrowed = copy.deepcopy(document)
    schemas = component_schemas(narrowed)
    json_kept = multipart_kept = dropped = 0

    for body in request_bodies(narrowed):
        content = body.get("content")
        if not isinstance(content, dict) or len(content) < 2:
            continue

        kept = _media_type_to_keep(content, schemas)
        if kept is None:
            continue

        dropped += len(content) - 1
        body["content"] = {kept: content[kept]}
        if kept == MULTIPART:
            multipart_kept += 1
        else:
            json_kept += 1

    return narrowed, RequestBodyReport(json_kept, multipart_kept, dropped)


def _media_type_to_keep(content: dict[str, Any], schemas: dict[str, Any]) -> str | None:
    """JSON (``application/json`` first); multipart where JSON is absent or cannot carry files."""
    json_types = [media for media in content if _is_json(media)]
    json_types.sort(key=lambda media: media != JSON)  # application/json first, order kept
    preferred_json = json_types[0] if json_types else None

    if MULTIPART in content and (
        preferred_json is None or _carries_files(content[preferred_json], schemas)
    ):
        return MULTIPART
    return preferred_json


def _is_json(media_type: str) -> bool:
    # The generator's own rule: application/json or any +json type, parameters ignored.
    essence = media_type.split(";")[0].strip().lower()
    return essence == JSON or essence.endswith("+json")


def _carries_files(media_type: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """Whether the schema of ``media_type``, references followed, has a binary field."""
    schema = media_type.get("schema") if isinstance(media_type, dict) else None
    reached = reachable_components([schema], schemas)

    every_schema = inline_schemas(schema)
    for name in reached:
        every_schema += inline_schemas(schemas[name])
    return any(found.get("format") == "binary" for found in every_schema)
