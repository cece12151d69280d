"""Shared fixtures: repository copies for the pipeline, generated fixture packages, loopback."""

import importlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks.workspace import pipeline_copy

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def make_repository(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that builds a copy of the repository's pipeline inputs in tmp_path.

    ``schema`` replaces the pinned schema with a fixture file (a name under
    tests/fixtures/schemas, or a Path). The copy has no generated/ until the pipeline runs.
    """

    def build(schema: str | Path | None = None, name: str = "repository") -> Path:
        root = tmp_path / name
        if isinstance(schema, str):
            schema = FIXTURES / "schemas" / schema
        copy_pipeline_inputs(root, schema)
        return root

    return build


@pytest.fixture(scope="session")
def fixture_package(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], ModuleType]:
    """Return a function that generates the client of a fixture schema and imports it.

    The package is named after the schema file (``enums_drf_spectacular.yaml`` gives
    ``enums_drf_spectacular``), so it can be imported beside the real ``onetsolutions``.
    Each schema is generated once per test session.
    """
    packages: dict[str, ModuleType] = {}

    def generate(schema: str) -> ModuleType:
        if schema in packages:
            return packages[schema]
        package_name = Path(schema).stem
        root = tmp_path_factory.mktemp(package_name)
        copy_pipeline_inputs(root, FIXTURES / "schemas" / schema)
        rename_generated_package(root, package_name)

        completed = run_pipeline(root, "generate")
        assert completed.returncode == 0, completed.stderr

        sys.path.insert(0, str(root / "generated"))
        packages[schema] = importlib.import_module(package_name)
        importlib.import_module(f"{package_name}.models")
        return packages[schema]

    return generate


@pytest.fixture(scope="session")
def listing_package(fixture_package: Callable[[str], ModuleType]) -> ModuleType:
    """The package of instances_and_domains_list.yaml: what the pinned schema lacks, a
    paginated list, a POST and a path parameter that is not a UUID.
    """
    return fixture_package("instances_and_domains_list.yaml")


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The base URL of a loopback port that takes connections and requests but never answers.

    The kernel completes the connection and buffers the request; nothing reads it, so a client
    waits for a response until its own timeout. No server thread is kept busy meanwhile.
    """
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """Run the test once with the sync functions and clients, once with the async ones."""
    return str(request.param)


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Async tests run on asyncio, the event loop the client's async side supports."""
    return "asyncio"


def copy_pipeline_inputs(root: Path, schema: Path | None = None) -> None:
    """Copy what the pipeline needs into ``root``, optionally with another pinned schema.

    With another schema, the copy has no schema overlays (they are written for ours).
    """
    pipeline_copy(root)
    if schema is not None:
        shutil.copyfile(schema, root / "openapi" / "onetsolutions.yaml")
        # The schema overlays fix the pinned schema: in a fixture schema their targets may
        # match nothing, which rightly stops the pipeline. A fixture stands on its own.
        shutil.rmtree(root / "overlays" / "schema", ignore_errors=True)
        (root / "overlays" / "schema").mkdir()


def rename_generated_package(root: Path, package_name: str) -> None:
    """Make the pipeline in ``root`` generate ``package_name`` instead of onetsolutions."""
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'package_name = "onetsolutions"', f'package_name = "{package_name}"'
        )
    )
    generator_config = root / "openapi" / "generator.yaml"
    generator_config.write_text(
        generator_config.read_text().replace(
            "package_name_override: onetsolutions", f"package_name_override: {package_name}"
        )
    )


def run_pipeline(
    root: Path, *arguments: str, timeout: float = 120, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m codegen --root ROOT ...`` from this checkout, capturing its output.

    ``environment`` adds variables to (or replaces them in) this process's environment.
    """
    return subprocess.run(
        [sys.executable, "-m", "codegen", "--root", str(root), *arguments],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(environment or {})},
        check=False,
    )


def one_line_error(stderr: str) -> str:
    """The single ``error: ...`` line the pipeline printed; fails unless there is exactly one."""
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="session")
def built_distributions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the sdist and wheel of this checkout, built once per test session.

    Built as the build session does (``python -m build``: the sdist, then the wheel from it).
    """
    dist = tmp_path_factory.mktemp("dist")
    completed = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPOSITORY)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return dist


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: every test here is required there."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if reporter and skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; every test is required in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
