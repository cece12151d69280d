"""Publishing to a private index: what is refused before any upload, then the real round trip.

The round trip runs pypiserver on loopback: publish the freshly built files with twine, install
them into a new virtual environment from that index alone (it also serves the dependency
wheels), and call a loopback API through the installed client.
"""

import hashlib
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from codegen.publish import (
    PublishError,
    files_on_index,
    package_index,
    refuse_public_index,
    shown_url,
)
from codegen.settings import load_settings
from tests.conftest import REPOSITORY, one_line_error, run_pipeline
from tests.instance_task_server import run_downstream_program, serve_task, task_request
from tests.package_index import LocalPackageIndex

SETTINGS = load_settings(REPOSITORY)
PIP_ALONE = ["--isolated", "--disable-pip-version-check", "--quiet"]


def publish(
    dist: Path, index: LocalPackageIndex, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the publish step on ``dist`` against ``index``, as the publish session does."""
    return run_pipeline(
        REPOSITORY,
        "publish",
        f"--dist={dist}",
        environment={
            "ONETSOLUTIONS_INDEX_URL": index.simple_url,
            "ONETSOLUTIONS_UPLOAD_URL": "",
            "TWINE_USERNAME": index.user,
            "TWINE_PASSWORD": password or index.password,
        },
    )


def test_there_is_no_default_index() -> None:
    with pytest.raises(PublishError, match="set ONETSOLUTIONS_INDEX_URL"):
        package_index(None)


@pytest.mark.parametrize(
    ("index_url", "upload_url"),
    [
        pytest.param("http://127.0.0.1:8080/simple/", "http://127.0.0.1:8080/", id="pypiserver"),
        pytest.param(
            "https://devpi.example/team/prod/+simple/",
            "https://devpi.example/team/prod/",
            id="devpi",
        ),
        pytest.param(
            "https://nexus.example/repository/pypi-internal/simple",
            "https://nexus.example/repository/pypi-internal/",
            id="nexus",
        ),
    ],
)
def test_upload_url_is_the_index_url_without_its_simple_segment(
    index_url: str, upload_url: str
) -> None:
    assert package_index(index_url).upload_url == upload_url


def test_index_url_without_a_simple_segment_needs_the_upload_url_named() -> None:
    with pytest.raises(PublishError, match="set ONETSOLUTIONS_UPLOAD_URL"):
        package_index("https://packages.example/pypi/")

    given = package_index("https://packages.example/pypi/", "https://packages.example/upload/")
    assert given.upload_url == "https://packages.example/upload/"


@pytest.mark.parametrize(
    ("index_url", "upload_url"),
    [
        pytest.param("https://pypi.org/simple/", None, id="public-index"),
        pytest.param("https://test.pypi.org/simple/", None, id="public-test-index"),
        pytest.param(
            "https://packages.example/simple/", "https://upload.pypi.org/legacy/", id="upload-there"
        ),
    ],
)
def test_public_index_is_refused_unless_explicitly_allowed(
    index_url: str, upload_url: str | None
) -> None:
    index = package_index(index_url, upload_url)

    with pytest.raises(PublishError, match=r"is the public package index.*--allow-public-index"):
        refuse_public_index(index, allow_public_index=False)
    refuse_public_index(index, allow_public_index=True)


@pytest.mark.parametrize(
    "index_url", ["https://pypi.example.com/simple/", "https://notpypi.org/simple/"]
)
def test_private_index_with_a_similar_name_is_not_refused(index_url: str) -> None:
    refuse_public_index(package_index(index_url), allow_public_index=False)


def test_publish_command_refuses_the_public_index_before_looking_for_files(
    tmp_path: Path,
) -> None:
    completed = run_pipeline(
        REPOSITORY,
        "publish",
        f"--dist={tmp_path}",
        environment={"ONETSOLUTIONS_INDEX_URL": "https://pypi.org/simple/"},
    )

    assert completed.returncode == 1
    assert "https://upload.pypi.org/legacy/ is the public package index" in one_line_error(
        completed.stderr
    )


def test_shown_url_never_carries_a_password() -> None:
    shown = shown_url("https://ci-bot:s3cret@packages.example:8443/simple/")

    assert shown == "https://packages.example:8443/simple/"


def test_index_listing_names_each_linked_file_without_its_hash(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/simple/onetsolutions/").respond_with_data(
        '<html><body><a href="../../packages/onetsolutions-0.1.0-py3-none-any.whl#sha256=ab">'
        "onetsolutions-0.1.0-py3-none-any.whl</a>"
        '<a href="/files/onetsolutions-0.1.0.tar.gz">onetsolutions-0.1.0.tar.gz</a></body></html>',
        content_type="text/html",
    )

    files = files_on_index(httpserver.url_for("/simple/"), "onetsolutions")

    assert files == {"onetsolutions-0.1.0-py3-none-any.whl", "onetsolutions-0.1.0.tar.gz"}


@pytest.mark.parametrize("status", [404, 401, 403])
def test_index_without_the_project_or_closed_to_reading_lists_nothing(
    httpserver: HTTPServer, status: int
) -> None:
    httpserver.expect_request("/simple/onetsolutions/").respond_with_data("", status=status)

    assert files_on_index(httpserver.url_for("/simple/"), "onetsolutions") == set()


def test_index_that_fails_to_list_is_an_error_naming_the_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/simple/onetsolutions/").respond_with_data("", status=502)

    with pytest.raises(PublishError, match=r"/simple/onetsolutions/: answered 502"):
        files_on_index(httpserver.url_for("/simple/"), "onetsolutions")


@pytest.fixture(scope="session")
def consumer_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a new virtual environment (``python -m venv``, with pip and nothing else)."""
    environment = tmp_path_factory.mktemp("consumer") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True, timeout=300)
    return environment / "bin" / "python"


@pytest.fixture(scope="session")
def dependency_wheels(consumer_python: Path, request: pytest.FixtureRequest) -> Path:
    """Wheels of the package's declared dependencies for this Python, from the public index.

    Kept in pytest's cache (``.pytest_cache``), keyed by Python version and requirements, so
    only the first run downloads.
    """
    requirements = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]
    # Limitation: the cache is not refreshed, so the install test keeps the dependency
    # versions of its first download; the tests(3.x-highest-deps) sessions resolve afresh.
    key = hashlib.sha256(f"{sys.version_info[:2]} {requirements}".encode()).hexdigest()[:16]
    cache = request.config.cache.mkdir("dependency-wheels") / key
    if cache.is_dir():
        return cache

    download = cache.with_name(f"{key}.partial")
    command = [str(consumer_python), "-m", "pip", "download", *PIP_ALONE, "--only-binary=:all:"]
    completed = subprocess.run(
        [*command, f"--dest={download}", *requirements],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    download.rename(cache)
    return cache


@pytest.fixture(scope="session")
def private_index(
    tmp_path_factory: pytest.TempPathFactory, dependency_wheels: Path
) -> Iterator[LocalPackageIndex]:
    with LocalPackageIndex(tmp_path_factory.mktemp("index"), [dependency_wheels]) as index:
        yield index


@pytest.fixture(scope="session")
def published_index(
    private_index: LocalPackageIndex, built_distributions: Path
) -> LocalPackageIndex:
    """The private index after the freshly built wheel and sdist were published to it."""
    completed = publish(built_distributions, private_index)
    assert completed.returncode == 0, completed.stderr
    return private_index


@pytest.mark.distribution
def test_published_package_installs_from_the_private_index_alone_and_calls_the_api(
    published_index: LocalPackageIndex, consumer_python: Path, httpserver: HTTPServer
) -> None:
    requirement = f"{SETTINGS.package_name}=={SETTINGS.package_version}"
    install = subprocess.run(
        [
            str(consumer_python),
            "-m",
            "pip",
            "install",
            *PIP_ALONE,
            "--index-url",
            published_index.simple_url,
            requirement,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    serve_task(httpserver)

    report = run_downstream_program(consumer_python, task_request(httpserver, "onetsolutions"))

    httpserver.check_assertions()
    assert report["status"] == "running"
    assert report["version"] == SETTINGS.package_version
    assert Path(report["client_file"]).is_relative_to(consumer_python.parent.parent)


@pytest.mark.distribution
def test_publishing_a_version_already_on_the_index_is_refused_saying_so(
    published_index: LocalPackageIndex, built_distributions: Path
) -> None:
    files_before = sorted(path.name for path in published_index.upload_dir.iterdir())

    completed = publish(built_distributions, published_index)

    assert completed.returncode == 1
    error = one_line_error(completed.stderr)
    assert (
        f"onetsolutions {SETTINGS.package_version} is already on {published_index.simple_url}"
        in error
    )
    assert "bump the version" in error
    assert sorted(path.name for path in published_index.upload_dir.iterdir()) == files_before


@pytest.mark.distribution
def test_upload_with_a_wrong_password_is_refused_naming_the_index(
    tmp_path: Path, built_distributions: Path
) -> None:
    wrong_password = "not-the-publisher-secret"
    with LocalPackageIndex(tmp_path) as index:
        completed = publish(built_distributions, index, password=wrong_password)

    assert completed.returncode == 1
    error = one_line_error(completed.stderr)
    assert f"twine could not upload to {index.url}: HTTPError: 403" in error
    assert wrong_password not in completed.stdout + completed.stderr
    assert list(index.upload_dir.iterdir()) == []
