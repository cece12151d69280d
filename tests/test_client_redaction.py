"""No credential in repr(), str(), error messages or log records, by name or by shape."""

import logging

import httpx
import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import (
    AuthenticatedClient,
    BadRequestError,
    ResponseValidationError,
    Retries,
    ServerError,
)
from onetsolutions._redact import excerpt, redact, redact_headers, redact_url
from onetsolutions.errors import error_for_response
from tests.task_api import (
    API_KEY,
    JWT,
    SECOND_JWT,
    TASK_PATH,
    authenticated_client,
    fetch_task,
    json_response,
    opened,
    serve_in_turn,
    task_body,
)

pytestmark = pytest.mark.anyio

SECRETS = (API_KEY, JWT, SECOND_JWT, JWT.split(".")[1], API_KEY.removeprefix("sk-onetsolutions-"))


def assert_no_secret_in(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"a credential shows in: {text[:200]}"


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(
        f"{record.name} {record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )


def test_client_repr_and_str_show_no_credential(httpserver: HTTPServer) -> None:
    client = AuthenticatedClient(
        base_url=httpserver.url_for(""),
        token=API_KEY,
        headers={"X-Api-Key": API_KEY, "X-Forwarded-Authorization": f"Bearer {JWT}"},
        cookies={"sessionid": JWT},
    )
    provided = AuthenticatedClient(token_provider=lambda: SECOND_JWT)

    client.get_httpx_client()
    texts = [
        repr(client),
        str(client),
        repr(provided),
        str(provided),
        repr(client.with_headers({})),
    ]

    assert_no_secret_in(*texts)
    assert f"_base_url='{httpserver.url_for('')}'" in texts[0]
    assert "[REDACTED]" in texts[0]


async def test_error_messages_hide_credentials_the_server_echoes(
    httpserver: HTTPServer, mode: str
) -> None:
    echo = f"Token {API_KEY} rejected; header was Authorization: Bearer {JWT}"
    httpserver.expect_request(TASK_PATH).respond_with_json({"detail": echo}, status=400)
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(BadRequestError) as raised:
            await fetch_task(mode, client)

    error = raised.value
    assert_no_secret_in(str(error), repr(error), error.body_excerpt, error.url)
    assert "Token [REDACTED] rejected; header was Authorization: Bearer [REDACTED]" in str(error)


async def test_validation_error_hides_credentials_in_the_body(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json(
        task_body("running", started_at=f"{API_KEY} {JWT}")
    )
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(ResponseValidationError) as raised:
            await fetch_task(mode, client)

    error = raised.value
    assert_no_secret_in(str(error), repr(error), error.value or "")
    assert error.field_path == "started_at"
    assert error.value == "'[REDACTED] [REDACTED]'"


async def test_logs_of_refresh_retry_and_success_hide_every_token(
    httpserver: HTTPServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    tokens = iter([JWT, SECOND_JWT])
    httpserver.expect_request(
        TASK_PATH, headers={"Authorization": f"Bearer {JWT}"}
    ).respond_with_json({"detail": "Token expired"}, status=401)
    serve_in_turn(
        httpserver,
        TASK_PATH,
        [json_response({}, 503), json_response(task_body("running"))],
    )
    client = authenticated_client(
        httpserver, token_provider=lambda: next(tokens), retries=Retries(backoff=0.01)
    )

    with caplog.at_level(logging.DEBUG):
        async with opened(client, mode):
            await fetch_task(mode, client)

    assert len(httpserver.log) == 3
    assert_no_secret_in(logged_text(caplog))
    client_records = [
        record for record in caplog.records if record.name.startswith("onetsolutions")
    ]
    assert {record.levelno for record in client_records} == {logging.DEBUG}
    request_lines = [r.getMessage() for r in client_records if "(attempt " in r.getMessage()]
    assert [line.split(" -> ")[1].split(" ")[0] for line in request_lines] == ["401", "503", "200"]
    assert all(line.startswith(f"GET {TASK_PATH} -> ") for line in request_lines)
    assert all(" ms (attempt " in line for line in request_lines)


async def test_transport_error_hides_credentials_in_the_url(mode: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = AuthenticatedClient(
        base_url=f"http://operator:{API_KEY}@127.0.0.1:9",
        token=API_KEY,
        retries=None,
        httpx_args={"transport": httpx.MockTransport(refuse)},
    )

    async with opened(client, mode):
        with pytest.raises(Exception) as raised:
            await fetch_task(mode, client)

    assert_no_secret_in(str(raised.value), repr(raised.value))
    assert "operator:[REDACTED]@127.0.0.1:9" in str(raised.value)


def test_secret_shapes_are_masked_wherever_they_stand() -> None:
    assert redact(f"key={API_KEY}, jwt={JWT}.") == "key=[REDACTED], jwt=[REDACTED]."
    assert redact("Authorization: Bearer opaque-token-123") == "Authorization: Bearer [REDACTED]"
    assert redact(JWT[:20]) == "[REDACTED]"
    assert redact("plain text with eyJ in it") == "plain text with eyJ in it"


def test_urls_lose_passwords_and_secret_query_values() -> None:
    url = f"https://user:hunter2@api.example.com/v1/x?page=2&access_token={JWT}&api_key=abc"

    shown = redact_url(url)

    assert "hunter2" not in shown and "abc" not in shown
    assert_no_secret_in(shown)
    assert "page=2" in shown
    assert redact_url(url, path_only=True) == (
        "/v1/x?page=2&access_token=[REDACTED]&api_key=[REDACTED]"
    )


def test_header_repr_masks_credential_headers_by_name() -> None:
    shown = redact_headers({"Authorization": "Basic dXNlcjpwYXNz", "Accept": "application/json"})

    assert "dXNlcjpwYXNz" not in shown
    assert "application/json" in shown


def test_excerpt_is_redacted_before_it_is_cut() -> None:
    body = ("x" * 495 + JWT + "y" * 100).encode()

    shown = excerpt(body, limit=500)

    assert JWT[:8] not in shown
    assert shown == "x" * 495 + "[REDA" + f"... ({len(body)} bytes in all)"


def test_api_error_url_masks_secret_query_values(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_data("", status=500)
    client = authenticated_client(httpserver, retries=None)

    with client:
        response = client.get_httpx_client().get(TASK_PATH, params={"token": API_KEY})
    error = error_for_response(response)

    assert isinstance(error, ServerError)
    assert_no_secret_in(str(error), error.url)
    assert error.url.endswith(f"{TASK_PATH}?token=[REDACTED]")
