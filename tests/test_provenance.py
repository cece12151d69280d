"""The provenance record: its file format, and how a damaged record is reported."""

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from codegen.errors import PipelineError
from codegen.provenance import (
    Provenance,
    read_provenance,
    sha256_hex,
    utc_timestamp,
    write_provenance,
)

RECORDED = Provenance(
    source_url="https://api.onetsolutions.net/schema",
    sha256="eb7d18e3f1293f2f8e1dd6377beb4937b6a5544361c829bab1e31bac9f8c9fbb",
    size=8644,
    etag='W/"5e1f"',
    last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
    fetched_at="2026-12-03T16:34:51Z",
    media_type="application/vnd.oai.openapi",
)


def test_written_record_reads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "provenance.json"

    write_provenance(path, RECORDED)

    assert read_provenance(path) == RECORDED


def test_record_is_written_with_sorted_keys_indented_and_a_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "provenance.json"
    unknown_headers = Provenance(**{**vars(RECORDED), "etag": None, "media_type": None})

    write_provenance(path, unknown_headers)

    assert path.read_text(encoding="utf-8") == (
        "{\n"
        '  "etag": null,\n'
        '  "fetched_at": "2026-12-03T16:34:51Z",\n'
        '  "last_modified": "Tue, 01 Dec 2026 10:00:00 GMT",\n'
        '  "media_type": null,\n'
        '  "sha256": "eb7d18e3f1293f2f8e1dd6377beb4937b6a5544361c829bab1e31bac9f8c9fbb",\n'
        '  "size": 8644,\n'
        '  "source_url": "https://api.onetsolutions.net/schema"\n'
        "}\n"
    )


def test_rewriting_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "provenance.json"

    write_provenance(path, RECORDED)
    write_provenance(path, RECORDED)

    assert [entry.name for entry in tmp_path.iterdir()] == ["provenance.json"]


def test_missing_record_reads_as_none(tmp_path: Path) -> None:
    assert read_provenance(tmp_path / "provenance.json") is None


def test_fields_added_by_a_newer_pipeline_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "provenance.json"
    path.write_text(json.dumps({**vars(RECORDED), "fetched_by": "ci"}), encoding="utf-8")

    assert read_provenance(path) == RECORDED


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        pytest.param('{"sha256": "ab",', "is not JSON (line 1", id="truncated"),
        pytest.param("[]", "is not a JSON object", id="list"),
        pytest.param(
            json.dumps({**vars(RECORDED), "sha256": None}),
            "has no text field 'sha256'",
            id="no_sha256",
        ),
        pytest.param(
            json.dumps({**vars(RECORDED), "size": "8644"}),
            "field 'size' is '8644', not a byte count",
            id="size_as_text",
        ),
        pytest.param(
            json.dumps({**vars(RECORDED), "size": True}),
            "field 'size' is True, not a byte count",
            id="size_as_boolean",
        ),
        pytest.param(
            json.dumps({**vars(RECORDED), "etag": 5}),
            "field 'etag' is 5, not text or null",
            id="etag_as_number",
        ),
    ],
)
def test_malformed_record_is_reported_naming_the_file(
    tmp_path: Path, content: str, cause: str
) -> None:
    path = tmp_path / "provenance.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(PipelineError) as caught:
        read_provenance(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: {cause}")
    assert message.endswith("delete it and fetch again.")
    assert "\n" not in message


def test_sha256_is_lowercase_hex_of_the_bytes() -> None:
    assert sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_fetched_at_is_utc_to_the_second_with_z_suffix() -> None:
    paris_winter = timezone(timedelta(hours=1))
    moment = datetime(2026, 12, 3, 17, 34, 51, 987654, tzinfo=paris_winter)

    assert utc_timestamp(moment) == "2026-12-03T16:34:51Z"


def test_fetched_at_defaults_to_now() -> None:
    before = datetime.now(UTC).replace(microsecond=0)

    stamp = datetime.strptime(utc_timestamp(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)

    assert before <= stamp <= datetime.now(UTC)
