"""The fetch step, run as a command against a real HTTP server on loopback.

What it pins when the schema changed, what it leaves alone when it did not, and that every
failure is one line on stderr and leaves the pinned schema and its provenance as they were.
"""

import errno
import hashlib
import json
import re
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import codegen.fetch
from codegen.errors import FetchError
from codegen.fetch import FetchOutcome, fetch_schema
from codegen.settings import load_settings
from tests.conftest import FIXTURES, run_pipeline

SCHEMA_PATH = "/schema"
MINIMAL_YAML = (FIXTURES / "schemas" / "minimal_drf_spectacular.yaml").read_bytes()
MINIMAL_JSON = (FIXTURES / "schemas" / "minimal_drf_spectacular.json").read_bytes()
NEXT_RELEASE_YAML = MINIMAL_YAML.replace(b"version: v1 (v1)", b"version: v2 (v2)")
PINNED_ETAG = '"pinned-v1"'
YAML_MEDIA_TYPE = "application/vnd.oai.openapi"
PINNED_SCHEMA = Path("openapi/onetsolutions.yaml")
PROVENANCE = Path("openapi/provenance.json")

Answer = Callable[[HTTPServer], None]


@dataclass(frozen=True)
class PinnedFiles:
    """The pinned schema and its provenance, as bytes and modification times."""

    schema: bytes
    provenance: bytes
    schema_mtime_ns: int
    provenance_mtime_ns: int

    @classmethod
    def of(cls, root: Path) -> "PinnedFiles":
        schema, provenance = root / PINNED_SCHEMA, root / PROVENANCE
        return cls(
            schema=schema.read_bytes(),
            provenance=provenance.read_bytes(),
            schema_mtime_ns=schema.stat().st_mtime_ns,
            provenance_mtime_ns=provenance.stat().st_mtime_ns,
        )


@pytest.fixture
def schema_url(httpserver: HTTPServer) -> str:
    return httpserver.url_for(SCHEMA_PATH)


@pytest.fixture
def repository(make_repository: Callable[..., Path], schema_url: str) -> Path:
    """A repository whose pinned schema was fetched from ``schema_url`` with PINNED_ETAG."""
    root = make_repository(schema="minimal_drf_spectacular.yaml")
    record_provenance(root, source_url=schema_url, etag=PINNED_ETAG)
    return root


def record_provenance(root: Path, *, source_url: str, etag: str | None) -> None:
    pinned = (root / PINNED_SCHEMA).read_bytes()
    record = {
        "etag": etag,
        "fetched_at": "2026-12-01T10:00:00Z",
        "last_modified": None,
        "media_type": YAML_MEDIA_TYPE,
        "sha256": hashlib.sha256(pinned).hexdigest(),
        "size": len(pinned),
        "source_url": source_url,
    }
    (root / PROVENANCE).write_text(json.dumps(record, indent=2) + "\n")


def fetch(root: Path, source: str) -> subprocess.CompletedProcess[str]:
    return run_pipeline(root, "fetch", "--url", source, "--timeout", "1", timeout=30)


def read_recorded_provenance(root: Path) -> dict[str, object]:
    record: dict[str, object] = json.loads((root / PROVENANCE).read_text())
    return record


def assert_failed_in_one_line_and_pinned_nothing(
    completed: subprocess.CompletedProcess[str],
    root: Path,
    before: PinnedFiles,
    *,
    names: str,
    cause: str,
) -> None:
    assert completed.returncode == 1, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("error: ")
    assert names in lines[0]
    assert cause in lines[0]
    assert PinnedFiles.of(root) == before


# Successful fetches


@pytest.mark.parametrize(
    ("served", "content_type", "media_type"),
    [
        pytest.param(
            NEXT_RELEASE_YAML, f"{YAML_MEDIA_TYPE}; charset=utf-8", YAML_MEDIA_TYPE, id="yaml"
        ),
        pytest.param(
            MINIMAL_JSON,
            "application/vnd.oai.openapi+json",
            "application/vnd.oai.openapi+json",
            id="json",
        ),
    ],
)
def test_new_schema_is_pinned_as_served_with_its_provenance(
    httpserver: HTTPServer,
    repository: Path,
    schema_url: str,
    served: bytes,
    content_type: str,
    media_type: str,
) -> None:
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(
        served,
        content_type=content_type,
        headers={"ETag": '"v2"', "Last-Modified": "Wed, 02 Dec 2026 08:00:00 GMT"},
    )

    completed = fetch(repository, schema_url)

    assert completed.returncode == 0, completed.stderr
    assert (repository / PINNED_SCHEMA).read_bytes() == served
    recorded = read_recorded_provenance(repository)
    assert recorded == {
        "etag": '"v2"',
        "fetched_at": recorded["fetched_at"],
        "last_modified": "Wed, 02 Dec 2026 08:00:00 GMT",
        "media_type": media_type,
        "sha256": hashlib.sha256(served).hexdigest(),
        "size": len(served),
        "source_url": schema_url,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(recorded["fetched_at"]))
    assert f"fetched {len(served):,} bytes from {schema_url}" in completed.stderr
    assert "pinned openapi/onetsolutions.yaml" in completed.stderr


def test_not_modified_answer_keeps_the_pinned_files_untouched(
    httpserver: HTTPServer, repository: Path, schema_url: str
) -> None:
    httpserver.expect_request(
        SCHEMA_PATH, headers={"If-None-Match": PINNED_ETAG}
    ).respond_with_data(b"", status=304)
    before = PinnedFiles.of(repository)

    completed = fetch(repository, schema_url)

    assert completed.returncode == 0, completed.stderr
    assert "not modified" in completed.stderr
    ((request, _),) = httpserver.log
    assert request.headers["If-None-Match"] == PINNED_ETAG
    assert PinnedFiles.of(repository) == before


def test_identical_schema_rewrites_nothing(
    httpserver: HTTPServer, repository: Path, schema_url: str
) -> None:
    # A server that ignores If-None-Match answers 200 with the same bytes.
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(
        MINIMAL_YAML, content_type=YAML_MEDIA_TYPE
    )
    before = PinnedFiles.of(repository)

    completed = fetch(repository, schema_url)

    assert completed.returncode == 0, completed.stderr
    assert "identical to openapi/onetsolutions.yaml, nothing written" in completed.stderr
    assert PinnedFiles.of(repository) == before


def test_etag_is_not_sent_to_another_url(
    httpserver: HTTPServer, repository: Path, schema_url: str
) -> None:
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(MINIMAL_JSON)

    completed = fetch(repository, f"{schema_url}?format=json")

    assert completed.returncode == 0, completed.stderr
    ((request, _),) = httpserver.log
    assert "If-None-Match" not in request.headers
    assert read_recorded_provenance(repository)["source_url"] == f"{schema_url}?format=json"


def test_etag_is_not_sent_once_the_pinned_schema_was_edited(
    httpserver: HTTPServer, repository: Path, schema_url: str
) -> None:
    # A 304 would keep the edited file, which is no longer what the server sent.
    (repository / PINNED_SCHEMA).write_bytes(MINIMAL_YAML + b"# edited\n")
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(MINIMAL_YAML)

    completed = fetch(repository, schema_url)

    assert completed.returncode == 0, completed.stderr
    ((request, _),) = httpserver.log
    assert "If-None-Match" not in request.headers
    assert (repository / PINNED_SCHEMA).read_bytes() == MINIMAL_YAML


def test_not_modified_answer_to_a_request_without_etag_is_rejected(
    httpserver: HTTPServer, repository: Path, schema_url: str
) -> None:
    record_provenance(repository, source_url=schema_url, etag=None)
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(b"", status=304)
    before = PinnedFiles.of(repository)

    completed = fetch(repository, schema_url)

    assert_failed_in_one_line_and_pinned_nothing(
        completed, repository, before, names=schema_url, cause="answered HTTP 304 Not Modified"
    )


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "file_url"])
def test_local_schema_file_is_pinned_with_its_file_url(
    repository: Path, tmp_path: Path, as_url: bool
) -> None:
    downloaded = tmp_path / "downloads" / "onetsolutions.yaml"
    downloaded.parent.mkdir()
    downloaded.write_bytes(NEXT_RELEASE_YAML)

    completed = fetch(repository, downloaded.as_uri() if as_url else str(downloaded))

    assert completed.returncode == 0, completed.stderr
    assert (repository / PINNED_SCHEMA).read_bytes() == NEXT_RELEASE_YAML
    recorded = read_recorded_provenance(repository)
    assert recorded["source_url"] == downloaded.as_uri()
    assert (recorded["etag"], recorded["media_type"]) == (None, None)


# Failed fetches


def answer_with(body: bytes, *, status: int = 200, content_type: str = YAML_MEDIA_TYPE) -> Answer:
    def configure(server: HTTPServer) -> None:
        server.expect_request(SCHEMA_PATH).respond_with_data(
            body, status=status, content_type=content_type
        )

    return configure


def answer_cut_short(server: HTTPServer) -> None:
    # Announces the whole schema, sends half of it, and closes the connection.
    response = Response(MINIMAL_YAML[: len(MINIMAL_YAML) // 2], content_type=YAML_MEDIA_TYPE)
    response.headers["Content-Length"] = str(len(MINIMAL_YAML))
    server.expect_request(SCHEMA_PATH).respond_with_response(response)


CUT_IN_A_REFERENCE = MINIMAL_YAML.rindex(b"'#/components/") + len(b"'#/comp")
SIGN_IN_PAGE = (FIXTURES / "pages" / "sign_in_page.html").read_bytes()


@pytest.mark.parametrize(
    ("answer", "cause"),
    [
        pytest.param(
            answer_with(b"Not Found", status=404), "answered HTTP 404 Not Found", id="http_404"
        ),
        pytest.param(
            answer_with(b"Server Error", status=500),
            "answered HTTP 500 Internal Server Error",
            id="http_500",
        ),
        pytest.param(
            answer_with(SIGN_IN_PAGE, content_type="text/html; charset=utf-8"),
            "answered an HTML page, not a schema",
            id="html_page_with_200",
        ),
        pytest.param(
            answer_with(SIGN_IN_PAGE),
            "is an HTML page, not a schema",
            id="html_page_served_as_yaml",
        ),
        pytest.param(answer_cut_short, "broke off (truncated)", id="truncated_transfer"),
        pytest.param(
            answer_with(MINIMAL_YAML[:CUT_IN_A_REFERENCE]),
            "invalid YAML at line",
            id="truncated_yaml",
        ),
        pytest.param(
            answer_with(MINIMAL_JSON[: len(MINIMAL_JSON) // 2], content_type="application/json"),
            "invalid JSON at line",
            id="truncated_json",
        ),
        pytest.param(answer_with(b""), "is empty", id="empty_body"),
        pytest.param(
            answer_with((FIXTURES / "schemas" / "kubernetes_deployment.yaml").read_bytes()),
            "has no 'openapi' key: not an OpenAPI document",
            id="kubernetes_manifest",
        ),
        pytest.param(
            answer_with((FIXTURES / "schemas" / "openapi_3_1.yaml").read_bytes()),
            "declares openapi 3.1.0",
            id="openapi_3_1",
        ),
        pytest.param(
            answer_with(MINIMAL_YAML.replace(b"schemas/TaskInstance'", b"schemas/TaskHost'")),
            "$ref '#/components/schemas/TaskHost' points to nothing",
            id="dangling_reference",
        ),
    ],
)
def test_unacceptable_answer_is_rejected_and_pins_nothing(
    httpserver: HTTPServer, repository: Path, schema_url: str, answer: Answer, cause: str
) -> None:
    answer(httpserver)
    before = PinnedFiles.of(repository)

    completed = fetch(repository, schema_url)

    assert_failed_in_one_line_and_pinned_nothing(
        completed, repository, before, names=schema_url, cause=cause
    )


@pytest.fixture
def release_slow_answers() -> Iterator[threading.Event]:
    """An event that ends a deliberately slow answer, so the server is free for the next test."""
    released = threading.Event()
    yield released
    released.set()


def test_answer_slower_than_the_timeout_is_abandoned_and_pins_nothing(
    httpserver: HTTPServer, repository: Path, schema_url: str, release_slow_answers: threading.Event
) -> None:
    def answer_after_two_seconds(request: Request) -> Response:
        release_slow_answers.wait(timeout=2)
        return Response(NEXT_RELEASE_YAML, content_type=YAML_MEDIA_TYPE)

    httpserver.expect_request(SCHEMA_PATH).respond_with_handler(answer_after_two_seconds)
    before = PinnedFiles.of(repository)

    completed = fetch(repository, schema_url)

    assert_failed_in_one_line_and_pinned_nothing(
        completed, repository, before, names=schema_url, cause="no answer within 1 s"
    )


def test_refused_connection_is_reported_and_pins_nothing(repository: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/schema"
    before = PinnedFiles.of(repository)

    completed = fetch(repository, url)

    assert_failed_in_one_line_and_pinned_nothing(
        completed, repository, before, names=url, cause="could not connect: connection refused"
    )


def test_unknown_host_is_reported_and_pins_nothing(repository: Path) -> None:
    # `.invalid` never resolves (RFC 6761).
    url = "http://schema.onetsolutions.invalid/schema"
    before = PinnedFiles.of(repository)

    completed = fetch(repository, url)

    assert_failed_in_one_line_and_pinned_nothing(
        completed,
        repository,
        before,
        names=url,
        cause="could not resolve host 'schema.onetsolutions.invalid'",
    )


def test_missing_local_file_is_reported_and_pins_nothing(repository: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "downloads" / "onetsolutions.yaml")
    before = PinnedFiles.of(repository)

    completed = fetch(repository, missing)

    assert_failed_in_one_line_and_pinned_nothing(
        completed, repository, before, names=missing, cause="no such file"
    )


def test_schema_is_put_back_when_its_provenance_cannot_be_written(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloaded = tmp_path / "next_release.yaml"
    downloaded.write_bytes(NEXT_RELEASE_YAML)
    before = PinnedFiles.of(repository)

    def fail_for_lack_of_space(path: Path, provenance: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(codegen.fetch, "write_provenance", fail_for_lack_of_space)

    with pytest.raises(FetchError, match=r"provenance\.json cannot be written \(No space left"):
        fetch_schema(load_settings(repository), str(downloaded), timeout=1)

    assert PinnedFiles.of(repository).schema == before.schema
    assert PinnedFiles.of(repository).provenance == before.provenance


def test_outcome_names_what_the_fetch_did(repository: Path, tmp_path: Path) -> None:
    downloaded = tmp_path / "next_release.yaml"
    downloaded.write_bytes(NEXT_RELEASE_YAML)
    settings = load_settings(repository)

    first = fetch_schema(settings, str(downloaded), timeout=1)
    second = fetch_schema(settings, str(downloaded), timeout=1)

    assert (first, second) == (FetchOutcome.UPDATED, FetchOutcome.IDENTICAL)


def test_credentials_in_the_url_are_used_but_never_recorded_or_shown(
    httpserver: HTTPServer, repository: Path
) -> None:
    httpserver.expect_request(SCHEMA_PATH).respond_with_data(
        MINIMAL_JSON, content_type="application/json"
    )
    address = httpserver.url_for(SCHEMA_PATH).replace("http://", "http://bob:hunter2@")

    completed = fetch(repository, f"{address}?api_key=s3cr3t-value&format=json")

    assert completed.returncode == 0, completed.stderr
    ((request, _response),) = httpserver.log
    assert request.args["api_key"] == "s3cr3t-value"
    recorded = str(read_recorded_provenance(repository)["source_url"])
    assert recorded == httpserver.url_for(SCHEMA_PATH) + "?api_key=REDACTED&format=json"
    for secret in ("hunter2", "s3cr3t-value", "bob"):
        assert secret not in completed.stderr
        assert secret not in recorded


def test_credentials_stay_out_of_the_error_line(httpserver: HTTPServer, repository: Path) -> None:
    httpserver.expect_request(SCHEMA_PATH).respond_with_data("gone", status=404)
    address = httpserver.url_for(SCHEMA_PATH).replace("http://", "http://bob:hunter2@")

    completed = fetch(repository, f"{address}?token=s3cr3t-value")

    assert completed.returncode == 1
    assert "answered HTTP 404" in completed.stderr
    assert "hunter2" not in completed.stderr and "s3cr3t-value" not in completed.stderr
