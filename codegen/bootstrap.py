"""Run nox on a machine that has only Python: ``python3 noxfile.py ...``.

Creates ``.nox/_bootstrap`` (standard library venv + pip) with the pinned nox and uv, then
re-runs the noxfile inside it. Later runs reuse that environment while the pins are unchanged.
Uses the standard library only: it runs before anything is installed.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

PINNED_TOOLS = ("nox==2026.10.20", "uv==0.13.9")


def run_noxfile_in_bootstrap_environment(noxfile: str) -> None:
    """Replace this process with the noxfile run by the bootstrap environment's Python."""
    root = Path(noxfile).resolve().parent
    environment = root / ".nox" / "_bootstrap"
    python = environment / "bin" / "python"
    stamp = environment / "pinned-tools.txt"
    wanted = "\n".join(PINNED_TOOLS) + "\n"

    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        print(f"bootstrap: installing {', '.join(PINNED_TOOLS)} into {environment}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(environment)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *PINNED_TOOLS],
            check=True,
        )
        stamp.write_text(wanted)

    os.execv(python, [str(python), str(Path(noxfile).resolve()), *sys.argv[1:]])
