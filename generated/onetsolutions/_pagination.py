"""Walking the pages of a list operation, requesting each page only when it is reached.

List operations answer drf-spectacular pages: ``count``, ``next``, ``previous`` (URLs or null)
and ``results``, and take ``page`` (from 1) and ``page_size``. These helpers work with the
``sync`` or ``asyncio`` function of any generated list operation.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

ItemT = TypeVar("ItemT")
ItemT_co = TypeVar("ItemT_co", covariant=True)


class Page(Protocol[ItemT_co]):
    """What the helpers need of a generated page model."""

    @property
    def results(self) -> Sequence[ItemT_co]: ...

    @property
    def next_(self) -> object: ...


def iterate_pages(
    operation: Callable[..., Page[ItemT]], /, **arguments: Any
) -> Iterator[Page[ItemT]]:
    """Every page of a list operation, from ``page`` (1 unless given) to the last.

    ``operation`` is a generated ``sync`` function, such as ``list_instances.sync``;
    ``arguments`` are its arguments, ``client`` and ``page_size`` included. A page is requested
    when the iteration reaches it; the walk stops after a page whose ``next`` is null.
    """
    page_number = int(arguments.pop("page", 1))
    while True:
        page = operation(**arguments, page=page_number)
        yield page
        if _is_last(page):
            return
        page_number += 1


def iterate_items(operation: Callable[..., Page[ItemT]], /, **arguments: Any) -> Iterator[ItemT]:
    """Every item of every page of a list operation; see ``iterate_pages`` for the arguments."""
    for page in iterate_pages(operation, **arguments):
        yield from page.results


async def async_iterate_pages(
    operation: Callable[..., Awaitable[Page[ItemT]]], /, **arguments: Any
) -> AsyncIterator[Page[ItemT]]:
    """The async twin of ``iterate_pages``, for a generated ``asyncio`` function."""
    page_number = int(arguments.pop("page", 1))
    while True:
        page = await operation(**arguments, page=page_number)
        yield page
        if _is_last(page):
            return
        page_number += 1


async def async_iterate_items(
    operation: Callable[..., Awaitable[Page[ItemT]]], /, **arguments: Any
) -> AsyncIterator[ItemT]:
    """The async twin of ``iterate_items``."""
    async for page in async_iterate_pages(operation, **arguments):
        for item in page.results:
            yield item


def _is_last(page: Page[Any]) -> bool:
    # An empty page ends the walk too: a server that kept announcing a next page without
    # results would otherwise be asked forever.
    return not page.next_ or not page.results
