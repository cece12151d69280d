"""A second, independent look at breaking changes: the generated Python API itself.

The surface comparison judges the schema as the generator reads it; griffe compares the two
packages as Python code (removed names, changed signatures, return types), which also catches
what templates and runtime files change. Changed values of module constants are not breaks:
the package's own provenance constants change with every schema.
"""

from pathlib import Path

import griffe

from .changes import Change, Severity

IGNORED_BREAKAGES = (griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE,)


def python_api_breakages(old_package: Path, new_package: Path) -> list[Change]:
    """Breaking changes griffe finds from ``old_package`` to ``new_package`` (same name)."""
    old = griffe.load(old_package.name, search_paths=[old_package.parent], resolve_aliases=False)
    new = griffe.load(new_package.name, search_paths=[new_package.parent], resolve_aliases=False)

    return [
        Change(Severity.BREAKING, breakage.obj.path, f"python API: {breakage.explain().strip()}")
        for breakage in griffe.find_breaking_changes(old, new)
        if breakage.kind not in IGNORED_BREAKAGES
    ]
