"""Clients time out by default, and the caller can change or disable that."""

import httpx

from onetsolutions import AuthenticatedClient, Client


def test_generated_client_has_a_finite_default_timeout() -> None:
    for client in (Client(base_url="http://127.0.0.1"), AuthenticatedClient("http://x", token="t")):
        timeout = client.get_httpx_client().timeout
        assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (10, 30, 30, 30)


def test_timeout_can_be_overridden_or_disabled() -> None:
    assert Client("http://x", timeout=httpx.Timeout(2.0)).get_httpx_client().timeout.read == 2.0
    assert Client("http://x", timeout=None).get_httpx_client().timeout.read is None
