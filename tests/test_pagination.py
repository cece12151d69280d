"""Walking drf-spectacular pages lazily, with a list operation of a fixture schema."""

import uuid
from importlib import import_module
from types import ModuleType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.task_api import API_KEY, ORGANIZATION, PROJECT, json_response, opened

pytestmark = pytest.mark.anyio

INSTANCES_PATH = f"/v1/organizations/{ORGANIZATION}/projects/{PROJECT}/compute/instances/"
NAMES = [f"web-{number:02}" for number in range(1, 6)]


def serve_pages(httpserver: HTTPServer, page_size: int) -> None:
    """Serve NAMES as instances, ``page_size`` to a page, the way DRF's paginator does."""

    def answer(request: Request) -> Response:
        page = int(request.args.get("page", 1))
        start = (page - 1) * page_size
        chunk = NAMES[start : start + page_size]
        more = start + page_size < len(NAMES)
        url = httpserver.url_for(INSTANCES_PATH)
        return json_response(
            {
                "count": len(NAMES),
                "next": f"{url}?page={page + 1}&page_size={page_size}" if more else None,
                "previous": f"{url}?page={page - 1}&page_size={page_size}" if page > 1 else None,
                "results": [{"id": str(uuid.uuid4()), "name": name} for name in chunk],
            }
        )

    httpserver.expect_request(INSTANCES_PATH).respond_with_handler(answer)


def list_instances(package: ModuleType) -> ModuleType:
    return import_module(f"{package.__name__}.api.compute.list_instances")


def pages_requested(httpserver: HTTPServer) -> list[dict[str, str]]:
    return [dict(request.args) for request, _response in httpserver.log]


async def collect_items(package: ModuleType, mode: str, client: Any, **arguments: Any) -> list[Any]:
    operation = list_instances(package)
    common = {"organization_id": ORGANIZATION, "project_id": PROJECT, "client": client}
    if mode == "sync":
        return list(package.iterate_items(operation.sync, **common, **arguments))
    return [
        item async for item in package.async_iterate_items(operation.asyncio, **common, **arguments)
    ]


async def test_every_item_of_every_page_in_order_until_next_is_null(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str
) -> None:
    serve_pages(httpserver, page_size=2)
    client = listing_package.AuthenticatedClient(base_url=httpserver.url_for(""), token=API_KEY)

    async with opened(client, mode):
        items = await collect_items(listing_package, mode, client, page_size=2)

    assert [item.name for item in items] == NAMES
    assert pages_requested(httpserver) == [
        {"page": "1", "page_size": "2"},
        {"page": "2", "page_size": "2"},
        {"page": "3", "page_size": "2"},
    ]


async def test_walk_can_start_at_a_later_page(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str
) -> None:
    serve_pages(httpserver, page_size=2)
    client = listing_package.AuthenticatedClient(base_url=httpserver.url_for(""), token=API_KEY)

    async with opened(client, mode):
        items = await collect_items(listing_package, mode, client, page=2, page_size=2)

    assert [item.name for item in items] == NAMES[2:]


def test_pages_are_requested_only_when_reached(
    httpserver: HTTPServer, listing_package: ModuleType
) -> None:
    serve_pages(httpserver, page_size=2)
    client = listing_package.AuthenticatedClient(base_url=httpserver.url_for(""), token=API_KEY)

    with client:
        pages = listing_package.iterate_pages(
            list_instances(listing_package).sync,
            organization_id=ORGANIZATION,
            project_id=PROJECT,
            client=client,
            page_size=2,
        )
        first = next(pages)

    assert first.count == 5 and len(first.results) == 2
    assert len(httpserver.log) == 1


def test_empty_page_ends_the_walk_even_if_a_next_page_is_announced(
    httpserver: HTTPServer, listing_package: ModuleType
) -> None:
    httpserver.expect_request(INSTANCES_PATH).respond_with_json(
        {"count": 0, "next": httpserver.url_for(INSTANCES_PATH) + "?page=2", "results": []}
    )
    client = listing_package.AuthenticatedClient(base_url=httpserver.url_for(""), token=API_KEY)

    with client:
        items = list(
            listing_package.iterate_items(
                list_instances(listing_package).sync,
                organization_id=ORGANIZATION,
                project_id=PROJECT,
                client=client,
            )
        )

    assert items == []
    assert len(httpserver.log) == 1
