"""Checks that a freshly generated package is whole before it replaces ``generated/``.

openapi-python-client 0.29.1 can fail quietly: two operations whose names collide after its
renaming share one module (the second silently overwrites the first), an operation it cannot
parse is skipped with a warning, a property named like a generated attribute breaks
``from_dict``, and some schemas give modules that do not import. Each check here turns one of
those into an error that names the operation, field or module.
"""

import ast
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_python_client.parser.openapi import generate_operation_id
from openapi_python_client.schema.untrusted_string import UntrustedString
from openapi_python_client.strings import PythonIdentifier

from .errors import GenerationError
from .schema_tree import HTTP_METHODS

# Names the generator's model template uses for its own attributes, methods and locals of
# `to_dict`/`from_dict`; a schema property with one of these Python names breaks the model.
NAMES_TAKEN_BY_MODEL_TEMPLATE = frozenset(
    {
        "additional_keys",
        "additional_properties",
        "at_field",
        "cls",
        "d",
        "field_dict",
        "files",
        "from_dict",
        "prop",
        "prop_dict",
        "prop_name",
        "self",
        "src_dict",
        "to_dict",
        "to_multipart",
    }
)


@dataclass(frozen=True)
class Operation:
    """One operation of the schema and the module the generator writes it to."""

    method: str
    path: str
    operation_id: str
    module: str  # dotted, relative to the package's `api` package: "compute.get_instance"


def list_operations(document: dict[str, Any], field_prefix: str) -> list[Operation]:
    """Every operation of ``document``, with the module name the generator gives it."""
    operations = []
    for path, path_item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["default"])[0]
            tag_package = PythonIdentifier(tag, prefix="tag")
            operation_id = operation.get("operationId")
            if operation_id is None:
                function = generate_operation_id(
                    path=UntrustedString(path), method=method, prefix=field_prefix
                )
            else:
                function = PythonIdentifier(operation_id, prefix=field_prefix)
            operations.append(
                Operation(method, path, operation_id or "", f"{tag_package}.{function}")
            )
    return operations


def check_operation_names_are_unique(operations: list[Operation], source: str) -> None:
    """Fail when two operations would be written to the same module."""
    by_module: dict[str, list[Operation]] = defaultdict(list)
    for operation in operations:
        by_module[operation.module].append(operation)

    clashes = [group for group in by_module.values() if len(group) > 1]
    if not clashes:
        return

    described = "; ".join(
        " and ".join(f"{op.operation_id or op.method.upper() + ' ' + op.path}" for op in group)
        + f" -> api/{group[0].module.replace('.', '/')}.py"
        for group in clashes
    )
    raise GenerationError(
        f"{source}: {len(clashes)} operation name clash(es) after the generator's renaming: "
        f"{described}; give the operations distinct operationIds in a schema overlay."
    )


def check_field_names_are_unique(document: dict[str, Any], source: str, field_prefix: str) -> None:
    """Fail when two properties of one model share a Python name, or take a template's name."""
    problems = []
    for location, properties in _object_schemas(document):
        by_python_name: dict[str, list[str]] = defaultdict(list)
        for name in properties:
            by_python_name[PythonIdentifier(name, prefix=field_prefix)].append(name)

        for python_name, names in sorted(by_python_name.items()):
            if len(names) > 1:
                problems.append(f"{location}: {', '.join(names)} all become '{python_name}'")
            elif python_name in NAMES_TAKEN_BY_MODEL_TEMPLATE:
                problems.append(
                    f"{location}: '{names[0]}' becomes '{python_name}', "
                    "a name the generated model uses itself"
                )

    if problems:
        raise GenerationError(
            f"{source}: {len(problems)} property name clash(es): {'; '.join(problems)}; "
            "rename the properties in a schema overlay."
        )


def check_every_operation_has_a_module(
    operations: list[Operation], package_dir: Path, source: str
) -> int:
    """Fail when the generator skipped an operation; returns the number of operation modules."""
    api_dir = package_dir / "api"
    written = {
        ".".join(module.relative_to(api_dir).with_suffix("").parts)
        for module in api_dir.glob("*/*.py")
        if module.name != "__init__.py"
    }

    missing = [op for op in operations if op.module not in written]
    if missing:
        described = ", ".join(f"{op.method.upper()} {op.path}" for op in missing)
        raise GenerationError(
            f"{source}: the generator wrote no function for {len(missing)} operation(s): "
            f"{described}; its warnings above say why."
        )
    return len(written)


IMPORT_PROBE = (
    "import importlib, json, sys\n"
    "failures = []\n"
    "for name in json.load(sys.stdin):\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except Exception as error:\n"
    "        failures.append(f'{name}: {type(error).__name__}: {error}')\n"
    "print(json.dumps(failures))\n"
)


def check_modules_import(package_dir: Path) -> None:
    """Import every module of the package in fresh interpreters; fail naming the first broken.

    The modules are shared among one interpreter per core: on a package of a thousand modules
    importing (which compiles each one) takes seconds, and the work divides evenly.
    """
    modules = _module_names(package_dir)
    workers = max(1, min(os.cpu_count() or 1, 4, len(modules)))
    probes = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORT_PROBE],
            cwd=package_dir.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        for _ in range(workers)
    ]
    outputs = [
        probe.communicate(json.dumps(modules[index::workers])) for index, probe in enumerate(probes)
    ]

    failures = []
    for probe, (stdout, stderr) in zip(probes, outputs, strict=True):
        if probe.returncode != 0:
            last_line = (stderr.strip().splitlines() or ["no output"])[-1]
            raise GenerationError(f"{package_dir.name} does not import: {last_line}")
        failures += json.loads(stdout)
    if failures:
        failures.sort()
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise GenerationError(f"generated module does not import: {failures[0]}{more}")


def _module_names(package_dir: Path) -> list[str]:
    """Dotted names of every module in the package, the package itself first."""
    names = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(names, key=lambda name: (name.count("."), name))


def check_ruff_error_rules(package_dir: Path) -> None:
    """Run ruff's error rules (syntax errors, undefined names) on the generated package."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--target-version=py311",
            "--select=E9,F63,F7,F82",
            "--output-format=concise",
            "--quiet",
            str(package_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        findings = completed.stdout.strip().splitlines()
        first = findings[0] if findings else completed.stderr.strip()
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        raise GenerationError(f"generated code fails ruff's error rules: {first}{more}")


def check_imports_are_relative(package_dir: Path) -> None:
    """Fail when a module imports its own package by absolute name.

    A vendored copy lives under another import name (``myapp._vendor.onet``); an absolute
    ``import onetsolutions...`` there would load a different copy of the package, or none.
    """
    offenders = list(absolute_self_imports(package_dir, package_dir.name))
    if offenders:
        more = f" (and {len(offenders) - 1} more)" if len(offenders) > 1 else ""
        raise GenerationError(
            f"{offenders[0]} imports the package by its absolute name{more}; a vendored copy "
            "has another name: import it relatively (`from .types import ...`) in the overlay "
            "or template that wrote it."
        )


def absolute_self_imports(package_dir: Path, package_name: str) -> Iterator[str]:
    """Yield ``module.py:line 'name'`` for each import of ``package_name`` in ``package_dir``."""
    for module in sorted(package_dir.rglob("*.py")):
        source = module.read_bytes()
        if package_name.encode() not in source:
            continue  # cannot import it; skipping the parse keeps large packages fast
        tree = ast.parse(source, filename=str(module))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name == package_name or name.startswith(f"{package_name}."):
                    location = module.relative_to(package_dir.parent).as_posix()
                    yield f"{location}:{node.lineno} '{name}'"


def _object_schemas(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (location, properties) for every object schema under components, nested included."""
    stack: list[tuple[str, Any]] = [
        (f"#/components/schemas/{name}", schema)
        for name, schema in document.get("components", {}).get("schemas", {}).items()
    ]
    while stack:
        location, schema = stack.pop()
        if not isinstance(schema, dict):
            continue

        properties = schema.get("properties")
        if isinstance(properties, dict):
            yield location, properties
            stack.extend(
                (f"{location}/properties/{name}", child) for name, child in properties.items()
            )

        for keyword in ("items", "additionalProperties", "not"):
            stack.append((f"{location}/{keyword}", schema.get(keyword)))
        for keyword in ("allOf", "oneOf", "anyOf"):
            for index, child in enumerate(schema.get(keyword) or []):
                stack.append((f"{location}/{keyword}/{index}", child))
