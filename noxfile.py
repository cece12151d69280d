"""Sessions of the OnetSolutions client pipeline. Run ``python3 noxfile.py -l`` to list them.

Each session is one verb and calls ``python -m codegen`` or a tool; the logic lives in the
``codegen`` package, where it is unit tested.
"""

import os
import sys

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


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the pinned dependency groups of pyproject.toml and say which tools run."""
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))
    session.log(f"python {sys.version.split()[0]}; groups: {', '.join(groups)}")


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
    session.run("python", "-m", "pytest", *session.posargs)


if __name__ == "__main__":
    nox.main()
