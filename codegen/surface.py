"""The client's public surface, recorded so that a regeneration cannot change it unnoticed.

The surface lists, for every operation, the module and function a user imports, its HTTP
method and path, each parameter (name, location, Python type, required) and the request and
response types; for every model, each field (name, Python type, required, nullable) and where
the model is used (request, response); for every enum, its values. It is derived from the
schema fed to the generator, through the generator's own parser, so the names and types are
the ones the generated code has. It is written as sorted JSON beside the package.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError
from openapi_python_client.parser.properties.enum_property import EnumProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.union import UnionProperty

from .errors import GenerationError

Surface = dict[str, Any]

PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")


def build_surface(document: dict[str, Any], generator_config: Path, package_name: str) -> Surface:
    """The public surface of the package the generator makes from ``document``."""
    data = _parse(document, generator_config)
    operations = {}
    request_roots, response_roots = [], []

    for tag, collection in sorted(data.endpoint_collections_by_tag.items()):
        for endpoint in collection.endpoints:
            module = f"{package_name}.api.{tag}.{endpoint.name}"
            bodies = [body.prop for body in endpoint.bodies]
            responses = [response.prop for response in endpoint.responses]
            request_roots.extend(bodies)
            response_roots.extend(responses)
            operations[module] = {
                "function": str(endpoint.name),
                "method": endpoint.method.upper(),
                "path": _text(endpoint.path),
                "parameters": _parameters(endpoint),
                "request": sorted({_type(prop) for prop in bodies}),
                "responses": {
                    str(response.status_code.pattern): _type(response.prop)
                    for response in endpoint.responses
                },
            }

    used_in_requests = set(_model_names(request_roots))
    used_in_responses = set(_model_names(response_roots))
    models = {
        model.class_info.name: {
            "fields": _fields(model),
            "used_in": [
                usage
                for usage, names in (("request", used_in_requests), ("response", used_in_responses))
                if model.class_info.name in names
            ],
        }
        for model in data.models
    }
    enums = {enum.class_info.name: _enum_values(enum) for enum in data.enums}
    return {"operations": operations, "models": dict(sorted(models.items())), "enums": enums}


def write_surface(surface: Surface, path: Path) -> None:
    """Write ``surface`` as stably ordered, readable JSON."""
    path.write_text(json.dumps(surface, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_surface(path: Path) -> Surface | None:
    """The surface recorded at ``path``, or None when there is none yet."""
    if not path.exists():
        return None
    surface: Surface = json.loads(path.read_text(encoding="utf-8"))
    return surface


def _parse(document: dict[str, Any], generator_config: Path) -> GeneratorData:
    config = Config.from_sources(
        ConfigFile.load_from_path(generator_config),
        MetaType.NONE,
        generator_config,
        "utf-8",
        False,
        None,
    )
    data = GeneratorData.from_dict(document, config=config)
    if isinstance(data, GeneratorError):
        raise GenerationError(f"the generator cannot read the schema: {data.header}")
    return data


def _parameters(endpoint: Any) -> list[dict[str, Any]]:
    parameters = []
    for location in PARAMETER_LOCATIONS:
        for parameter in getattr(endpoint, f"{location}_parameters"):
            parameters.append(
                {
                    "name": parameter.python_name,
                    "in": location,
                    "type": _type(parameter),
                    "required": bool(parameter.required),
                }
            )
    return parameters


def _fields(model: ModelProperty) -> dict[str, dict[str, Any]]:
    fields = {}
    for prop in [*(model.required_properties or []), *(model.optional_properties or [])]:
        type_string = _type(prop)
        fields[prop.python_name] = {
            "json_name": _text(prop.name),
            "type": type_string,
            "required": bool(prop.required),
            "nullable": "None" in type_string.split(" | "),
        }
    return dict(sorted(fields.items()))


def _type(prop: Any) -> str:
    return str(prop.get_type_string().as_unembedded_code())


def _model_names(roots: list[Any]) -> Iterator[str]:
    """Names of every model reachable from ``roots`` through fields, lists and unions."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        prop = stack.pop()
        if id(prop) in seen:
            continue
        seen.add(id(prop))
        if isinstance(prop, ModelProperty):
            yield prop.class_info.name
            stack.extend(prop.required_properties or [])
            stack.extend(prop.optional_properties or [])
            if isinstance(prop.additional_properties, ModelProperty):
                stack.append(prop.additional_properties)
        elif isinstance(prop, ListProperty):
            stack.append(prop.inner_property)
        elif isinstance(prop, UnionProperty):
            stack.extend(prop.inner_properties)
        elif isinstance(prop, EnumProperty):
            continue


def _text(value: Any) -> str:
    """Plain text of a name the generator keeps wrapped as untrusted input."""
    return str(value.get_untrusted_value()) if hasattr(value, "get_untrusted_value") else str(value)


def _enum_values(enum: Any) -> list[str]:
    """The values of an enum (the generator keeps literal enums' values as a set)."""
    values = enum.values.values() if isinstance(enum.values, dict) else enum.values
    return sorted(str(value) for value in values)
