"""A second, independent look at breaking changes: the generated Python API itself.

The surface comparison judges the schema as the generator reads it; griffe compares the two
packages as Python code (removed names, changed signatures, return types), which also catches
what templates and runtime files change. Only modules whose text changed are read, one file
at a time, so a regeneration of a thousand modules that changes three costs three. Private
modules (``_auth.py``) are not public API, and changed values of module constants are not
breaks: the package's provenance constants change with every schema.
"""

from pathlib import Path

import griffe

from .changes import Change, Severity

IGNORED_BREAKAGES = (griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE,)


def python_api_breakages(old_package: Path, new_package: Path) -> list[Change]:
    """Breaking changes from ``old_package`` to ``new_package`` (same name) as Python code.

    Limitation: each changed module is read on its own, so a name it re-exports from another
    module is compared by its import only, not by what it points to.
    """
    old_modules, new_modules = _public_modules(old_package), _public_modules(new_package)
    changes = [
        Change(Severity.BREAKING, name, "python API: module removed")
        for name in sorted(old_modules.keys() - new_modules.keys())
    ]

    for name in sorted(old_modules.keys() & new_modules.keys()):
        old_code = old_modules[name].read_text(encoding="utf-8")
        new_code = new_modules[name].read_text(encoding="utf-8")
        if old_code == new_code:
            continue
        old_module = griffe.visit(name, old_modules[name], code=old_code)
        new_module = griffe.visit(name, new_modules[name], code=new_code)
        changes += [
            Change(Severity.BREAKING, breakage.obj.path, _describe(breakage))
            for breakage in griffe.find_breaking_changes(old_module, new_module)
            if breakage.kind not in IGNORED_BREAKAGES
        ]
    return changes


def _public_modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` not private by its name."""
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not any(part.startswith("_") for part in parts):
            modules[".".join(parts)] = path
    return modules


def _describe(breakage: griffe.Breakage) -> str:
    subject = getattr(breakage.old_value, "name", None)
    detail = f" ({subject})" if isinstance(subject, str) and subject else ""
    return f"python API: {breakage.kind.value.lower()}{detail}"
