"""Figure 2: importing the package and one operation module in a fresh interpreter, against a
fresh interpreter importing only httpx and attrs (what any client on this stack pays).
"""

import compileall
import statistics
import subprocess
import sys
from pathlib import Path

from .table import Row

PROBE = (
    "import time\nstarted = time.perf_counter()\n{imports}\nprint(time.perf_counter() - started)\n"
)


def measure_import(label: str, package_dir: Path, runs: int) -> Row:
    """Median over ``runs`` fresh interpreters, ours and the baseline alternating.

    The package is compiled to bytecode first, as pip does when it installs a wheel (httpx
    and attrs, the baseline, are installed that way too).
    """
    compileall.compile_dir(package_dir, quiet=1)
    operation = _first_operation_module(package_dir)
    ours_imports = f"import {package_dir.name}\nimport {operation}"
    baseline_imports = "import httpx\nimport attrs"

    ours, baseline = [], []
    for _ in range(runs):
        ours.append(_import_seconds(ours_imports, package_dir.parent))
        baseline.append(_import_seconds(baseline_imports, package_dir.parent))

    return Row(
        figure="import package + one operation",
        schema=label,
        ours=statistics.median(ours) * 1000,
        baseline_name="import httpx, attrs",
        baseline=statistics.median(baseline) * 1000,
        unit="ms",
        target=1.25,
    )


def _first_operation_module(package_dir: Path) -> str:
    module = sorted(
        path for path in (package_dir / "api").glob("*/*.py") if path.name != "__init__.py"
    )[0]
    relative = module.relative_to(package_dir.parent).with_suffix("")
    return ".".join(relative.parts)


def _import_seconds(imports: str, search_path: Path) -> float:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE.format(imports=imports)],
        cwd=search_path,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(completed.stdout.strip())
