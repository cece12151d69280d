"""Figure 4: request overhead of the full client against raw httpx, same loopback server.

Sequential: N calls of the task endpoint through the generated function (auth, retries and
the rest of the runtime on, rate limiter off, logging at WARNING) against
``httpx.Client.get`` + ``json.loads`` on one keep-alive connection. Concurrent: M asyncio
calls at once through the async twin against ``httpx.AsyncClient``. The server runs in its
own process; rounds alternate between the two so drift hits both alike.
"""

import asyncio
import importlib
import json
import logging
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from .table import Row

TOKEN = "sk-onetsolutions-benchmark"

# The operation each schema's package is measured on, its path arguments and the body kind.
PINNED_OPERATION = (
    "compute.get_nested_instance_task",
    ("organization_id", "project_id", "instance_id", "id"),
    "/v1/organizations/{organization_id}/projects/{project_id}"
    "/compute/instances/{instance_id}/tasks/{id}",
    "task",
)
SYNTHETIC_OPERATION = (
    "authentication.instance1_retrieve",
    ("organization_id", "project_id", "parent_id", "id"),
    "/v1/organizations/{organization_id}/projects/{project_id}/parents/{parent_id}/instance1s/{id}/",
    "resource",
)


@contextmanager
def loopback_server(body: str) -> Iterator[str]:
    """Start the benchmark server in its own process; yield its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.loopback_server", body],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_requests(
    label: str, package_dir: Path, synthetic: bool, calls: int, concurrent: int, rounds: int
) -> list[Row]:
    """Rows for sequential and concurrent calls; runs in a fresh interpreter of its own."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.requests", str(package_dir), str(int(synthetic)),
         str(calls), str(concurrent), str(rounds)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    figures = json.loads(completed.stdout)
    return [
        Row(f"{calls} sequential requests", label, figures["ours"] * 1e6 / calls,
            "httpx.Client.get + json.loads", figures["raw"] * 1e6 / calls, "µs/req", 1.15),
        Row(f"{concurrent} concurrent async requests", label, figures["ours_async"] * 1000,
            "httpx.AsyncClient", figures["raw_async"] * 1000, "ms", 1.2),
    ]  # fmt: skip


def _time_requests(
    operation_spec: tuple[str, tuple[str, ...], str, str], calls: int, concurrent: int, rounds: int
) -> dict[str, float]:
    from onetsolutions import AuthenticatedClient

    module_name, parameter_names, path_template, body = operation_spec
    operation = importlib.import_module(f"onetsolutions.api.{module_name}")
    arguments = {name: uuid.uuid4() for name in parameter_names}
    path = path_template.format(**arguments)

    logging.basicConfig(level=logging.WARNING)
    with loopback_server(body) as base_url:
        headers = {"Authorization": f"Bearer {TOKEN}"}

        raw_client = httpx.Client(base_url=base_url, headers=headers)
        client = AuthenticatedClient(base_url=base_url, token=TOKEN, rate_limit=None)

        def raw() -> None:
            json.loads(raw_client.get(path).content)

        def ours() -> None:
            operation.sync(**arguments, client=client)

        sequential = _alternate(raw, ours, calls, rounds)

        async def concurrent_rounds() -> tuple[float, float]:
            raw_async = httpx.AsyncClient(base_url=base_url, headers=headers)
            async_client = AuthenticatedClient(base_url=base_url, token=TOKEN, rate_limit=None)

            async def raw_call() -> None:
                json.loads((await raw_async.get(path)).content)

            async def our_call() -> None:
                await operation.asyncio(**arguments, client=async_client)

            raw_times, our_times = [], []
            for _ in range(rounds + 1):  # the first round warms connections up
                raw_times.append(await _gather_seconds(raw_call, concurrent))
                our_times.append(await _gather_seconds(our_call, concurrent))
            await raw_async.aclose()
            return statistics.median(raw_times[1:]), statistics.median(our_times[1:])

        raw_async_seconds, our_async_seconds = asyncio.run(concurrent_rounds())

    return {
        "raw": sequential[0],
        "ours": sequential[1],
        "raw_async": raw_async_seconds,
        "ours_async": our_async_seconds,
    }


def _alternate(
    first: Callable[[], None], second: Callable[[], None], calls: int, rounds: int
) -> tuple[float, float]:
    """Median seconds for ``calls`` calls of each, over ``rounds`` alternating rounds."""
    first()  # connect both before timing
    second()
    first_times, second_times = [], []
    for _ in range(rounds):
        first_times.append(_seconds(first, calls))
        second_times.append(_seconds(second, calls))
    return statistics.median(first_times), statistics.median(second_times)


def _seconds(call: Callable[[], None], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return time.perf_counter() - started


async def _gather_seconds(call: Callable[[], Any], concurrent: int) -> float:
    started = time.perf_counter()
    await asyncio.gather(*(call() for _ in range(concurrent)))
    return time.perf_counter() - started


if __name__ == "__main__":
    package, synthetic, calls, concurrent, rounds = sys.argv[1:6]
    sys.path.insert(0, str(Path(package).parent))
    spec = SYNTHETIC_OPERATION if synthetic == "1" else PINNED_OPERATION
    print(json.dumps(_time_requests(spec, int(calls), int(concurrent), int(rounds))))
