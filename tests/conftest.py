"""Shared fixtures: repository copies for the pipeline, a generated listing package, anyio."""

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

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# What a throwaway repository needs for the pipeline to run in it.
PIPELINE_INPUTS = ("pyproject.toml", "openapi", "overlays")
LISTING_SCHEMA = "instances_and_domains_list.yaml"


def copy_repository(root: Path, schema: str | Path | None = None) -> Path:
    """Copy the repository's pipeline inputs to ``root``, optionally with another schema.

    ``schema`` replaces the pinned schema with a fixture file (a name under
    tests/fixtures/schemas, or a Path). The copy has no generated/ until the pipeline runs.
    """
    root.mkdir(parents=True)
    for entry in PIPELINE_INPUTS:
        source = REPOSITORY / entry
        if source.is_dir():
            shutil.copytree(source, root / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / entry)
    if schema is not None:
        schema_path = schema if isinstance(schema, Path) else FIXTURES / "schemas" / schema
        shutil.copyfile(schema_path, root / "openapi" / "onetsolutions.yaml")
    return root


@pytest.fixture
def make_repository(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that builds a copy of the repository's pipeline inputs in tmp_path.

    See ``copy_repository`` for ``schema``; ``name`` is the copy's directory name.
    """

    def build(schema: str | Path | None = None, name: str = "repository") -> Path:
        return copy_repository(tmp_path / name, schema)

    return build


@pytest.fixture(scope="session")
def listing_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package generated from instances_and_domains_list.yaml, as ``onetsolutions_listing``.

    That schema has what the pinned one lacks: a paginated list, a POST and a path parameter
    that is not a UUID. Importing it under another name also proves the package needs none.
    """
    root = copy_repository(tmp_path_factory.mktemp("listing") / "repository", LISTING_SCHEMA)
    completed = run_pipeline(root, "generate")
    assert completed.returncode == 0, completed.stderr

    packages = root.parent / "packages"
    shutil.copytree(root / "generated" / "onetsolutions", packages / "onetsolutions_listing")
    sys.path.insert(0, str(packages))
    try:
        yield importlib.import_module("onetsolutions_listing")
    finally:
        sys.path.remove(str(packages))


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


def run_pipeline(
    root: Path, *arguments: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m codegen --root ROOT ...`` from this checkout, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "codegen", "--root", str(root), *arguments],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


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
