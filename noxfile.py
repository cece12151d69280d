"""Sessions of the OnetSolutions client pipeline. Run ``python3 noxfile.py -l`` to list them.

Each session is one verb and calls ``python -m codegen`` or a tool; the logic lives in the
``codegen`` package, where it is unit tested.
"""

import hashlib
import os
import shutil
import sys
from pathlib import Path

try:
    import nox
except ModuleNotFoundError:
    if __name__ != "__main__":
        raise
    from codegen.bootstrap import run_noxfile_in_bootstrap_environment

    run_noxfile_in_bootstrap_environment(__file__)

nox.needs_version = ">=2026.10.20"
nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["lint", "typecheck", "tests"]

# Neither nox nor uv can download an interpreter on a machine without internet access;
# trying costs seconds and then fails anyway.
nox.options.download_python = "never"
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")

PYPROJECT = nox.project.load_toml("pyproject.toml")
LINTED_PATHS = ["codegen", "tests", "benchmarks", "noxfile.py", "overlays/runtime", "generated"]

# The Prism mock server of the contract tests: an npm project pinning its version and lock.
PRISM_DIR = Path("tests/prism")
PRISM_INSTALLED_FROM = PRISM_DIR / "node_modules" / ".installed-from-lock"


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the pinned dependency groups of pyproject.toml and say which tools run."""
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))
    session.log(f"python {sys.version.split()[0]}; groups: {', '.join(groups)}")


def install_prism(session: nox.Session) -> None:
    """Install the pinned Prism into tests/prism/node_modules, when Node.js and npm are here.

    Skipped when the installed copy was made from the current lock file. Without Node.js the
    contract tests skip, saying why (and fail in CI, where every test is required).
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        session.warn("Node.js or npm not found: the Prism contract tests will be skipped")
        return

    lock = hashlib.sha256((PRISM_DIR / "package-lock.json").read_bytes()).hexdigest()
    if PRISM_INSTALLED_FROM.exists() and PRISM_INSTALLED_FROM.read_text() == lock:
        session.log(f"Prism already installed in {PRISM_DIR} from the current lock file")
        return
    session.run("node", "--version", external=True)
    npm_ci = ["npm", "ci", "--prefix", str(PRISM_DIR), "--ignore-scripts", "--no-audit"]
    session.run(*npm_ci, "--no-fund", external=True)
    PRISM_INSTALLED_FROM.write_text(lock)


@nox.session
def fetch(session: nox.Session) -> None:
    """Download the published schema, validate it and pin it under openapi/."""
    install_groups(session, "generate")
    session.run("python", "-m", "codegen", "fetch", *session.posargs)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from the pinned schema (the main job; needs no network)."""
    install_groups(session, "generate")
    session.run("python", "-m", "openapi_python_client", "--version", silent=False)
    session.run("python", "-m", "codegen", "generate", *session.posargs)


@nox.session
def update(session: nox.Session) -> None:
    """Fetch the published schema, regenerate, then run the whole test suite."""
    install_groups(session, "generate")
    session.run("python", "-m", "codegen", "fetch")
    session.run("python", "-m", "codegen", "generate", "--stop-on-breaking", *session.posargs)
    for name in nox.options.sessions or []:
        session.notify(name)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint rules on hand-written code, error rules and formatting on everything."""
    install_groups(session, "lint")
    session.run("ruff", "check", *LINTED_PATHS)
    session.run("ruff", "format", "--check", *LINTED_PATHS)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy in strict mode on the pipeline and the generated package."""
    install_groups(session, "typecheck")
    session.run("mypy", "noxfile.py")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks as ratios against baselines measured in the same run; writes a Markdown table."""
    install_groups(session, "bench")
    session.run(
        "python", "-m", "benchmarks", "--markdown", "benchmarks/results.md", *session.posargs
    )


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (pytest); arguments after -- go to pytest."""
    install_groups(session, "test")
    install_prism(session)
    session.run("python", "-m", "pytest", *session.posargs)


if __name__ == "__main__":
    nox.main()
