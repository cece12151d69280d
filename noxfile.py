"""Sessions of the OnetSolutions client pipeline. Run ``python3 noxfile.py -l`` to list them.

Each session is one verb and calls ``python -m codegen`` or a tool; the logic lives in the
``codegen`` package, where it is unit tested.
"""

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import nox
except ModuleNotFoundError:
    if __name__ != "__main__":
        raise
    from codegen.bootstrap import run_noxfile_in_bootstrap_environment

    run_noxfile_in_bootstrap_environment(__file__)

from packaging.requirements import Requirement

nox.needs_version = ">=2026.10.20"
nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "typecheck", "tests"]
# A Python of the test matrix that the machine lacks is skipped on a workstation, so the test
# command passes where only 3.11 is installed, and is an error in CI (CI=true), so a CI run
# proves every supported version.
nox.options.error_on_missing_interpreters = "CI" in os.environ

# Neither nox nor uv can download an interpreter on a machine without internet access;
# trying costs seconds and then fails anyway.
nox.options.download_python = "never"
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
# Compile installed packages to bytecode once, at install: where PYTHONDONTWRITEBYTECODE is
# set, every run would otherwise recompile the generator and its dependencies (seconds).
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")

PYPROJECT = nox.project.load_toml(os.path.join(os.path.dirname(__file__), "pyproject.toml"))
LINTED_PATHS = ["codegen", "tests", "benchmarks", "noxfile.py", "overlays/runtime", "generated"]

# The Prism mock server of the contract tests: an npm project pinning its version and lock.
PRISM_DIR = Path("tests/prism")
PRISM_INSTALLED_FROM = PRISM_DIR / "node_modules" / ".installed-from-lock"

# Every Python the package supports (requires-python >= 3.11) that has been released.
PYTHONS = ("3.11", "3.12", "3.13")

# How uv resolves [project].dependencies for each end of their declared ranges.
DEPENDENCY_RESOLUTIONS = {"lowest": "lowest-direct", "highest": "highest"}

TEST_RUNS = [nox.param(python, "pinned", id=python) for python in PYTHONS] + [
    nox.param(python, bound, id=f"{python}-{bound}-deps")
    for bound in DEPENDENCY_RESOLUTIONS
    for python in PYTHONS
]
TEST_SESSIONS = [f"tests({run.id})" for run in TEST_RUNS]


def make_pyenv_pythons_discoverable() -> None:
    """Let nox find every Python pyenv has installed, not only the active one.

    pyenv's ``python3.12`` shim answers only when 3.12 is among the active versions
    (``PYENV_VERSION``), so with 3.11 active the 3.12 and 3.13 runs would be skipped.
    """
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return

    def pyenv_answer(*arguments: str) -> list[str]:
        completed = subprocess.run([pyenv, *arguments], capture_output=True, text=True)
        return completed.stdout.split() if completed.returncode == 0 else []

    active = os.environ.get("PYENV_VERSION") or ":".join(pyenv_answer("version-name"))
    installed = pyenv_answer("versions", "--bare", "--skip-aliases", "--skip-envs")
    versions = [version for version in [*active.split(":"), *installed] if version]
    os.environ["PYENV_VERSION"] = ":".join(dict.fromkeys(versions))
    if "PYENV_ROOT" not in os.environ:
        os.environ["PYENV_ROOT"] = "".join(pyenv_answer("root"))


make_pyenv_pythons_discoverable()


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the pinned dependency groups of pyproject.toml and say which tools run."""
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))
    session.log(f"python {python_version(session)}; groups: {', '.join(groups)}")


def install_dependency_bound(session: nox.Session, bound: str) -> None:
    """Install the lowest or highest versions [project].dependencies allows, and say which."""
    requirements = PYPROJECT["project"]["dependencies"]
    session.install(
        "--upgrade",
        f"--resolution={DEPENDENCY_RESOLUTIONS[bound]}",
        *requirements,
        *nox.project.dependency_groups(PYPROJECT, "client-test"),
    )
    names = [Requirement(requirement).name for requirement in requirements]
    installed = session.run(
        "python",
        "-c",
        "import sys; from importlib.metadata import version; "
        "print(', '.join(f'{name} {version(name)}' for name in sys.argv[1:]))",
        *names,
        silent=True,
    )
    session.log(f"python {python_version(session)}; {bound} allowed: {str(installed).strip()}")


def python_version(session: nox.Session) -> str:
    """The version of the session's Python (the noxfile's own may differ)."""
    command = "import platform; print(platform.python_version())"
    return str(session.run("python", "-c", command, silent=True)).strip()


def build_distributions(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/ and check both; shared by build and publish."""
    install_groups(session, "distribute")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--no-isolation", "--outdir", "dist", ".")
    session.run("python", "-m", "twine", "check", "--strict", *sorted(glob.glob("dist/*")))
    session.run("python", "-m", "codegen", "check-dist")


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
    """Fetch the published schema, regenerate with the version bump it implies, test it all."""
    install_groups(session, "generate")
    session.run("python", "-m", "codegen", "fetch")
    session.run(
        "python", "-m", "codegen", "generate", "--stop-on-breaking", "--bump-version",
        *session.posargs,
    )  # fmt: skip
    for name in ["lint", "typecheck", *TEST_SESSIONS]:
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
@nox.parametrize(("python", "dependencies"), TEST_RUNS)
def tests(session: nox.Session, dependencies: str) -> None:
    """The test suite on each supported Python; arguments after -- go to pytest.

    ``tests(3.x)`` runs every test with the pinned dependency groups. ``tests(3.x-lowest-deps)``
    and ``tests(3.x-highest-deps)`` run the tests of the package alone (tests/client, whole)
    with the lowest and the highest versions of its dependencies that pyproject.toml allows.
    """
    if dependencies == "pinned":
        install_groups(session, "test")
        install_prism(session)
        session.run("python", "-m", "pytest", *session.posargs)
    else:
        install_dependency_bound(session, dependencies)
        session.run("python", "-m", "pytest", "tests/client")


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/; check them with twine and for their contents."""
    build_distributions(session)


@nox.session
def publish(session: nox.Session) -> None:
    """Build, then upload to the private index in $ONETSOLUTIONS_INDEX_URL (see README)."""
    build_distributions(session)
    session.run("python", "-m", "codegen", "publish", *session.posargs)


@nox.session
def vendor(session: nox.Session) -> None:
    """Build, then copy the package into a source tree: ``-- DEST [--package NAME]``."""
    build_distributions(session)
    # DEST is read relative to where nox was started, as a user typing it would expect.
    with session.chdir(session.invoked_from):
        repository = os.path.dirname(os.path.abspath(__file__))
        session.run(
            "python", "-m", "codegen", "vendor", *session.posargs, env={"PYTHONPATH": repository}
        )


if __name__ == "__main__":
    # `python3 path/to/noxfile.py` works from any folder, as `nox -f path/to/noxfile.py` does.
    sys.argv[1:1] = ["--noxfile", os.path.abspath(__file__)]
    nox.main()
