"""A minimal keep-alive HTTP/1.1 server answering every GET with one task body.

It runs in its own process, so the client under measurement has a core to itself, and it
answers each request with one write on a socket with TCP_NODELAY, so timings measure the
client and not Nagle's algorithm meeting delayed ACKs.

    python -m benchmarks.loopback_server [resource]   # prints the port, serves until killed
"""

import asyncio
import json
import socket
import sys
from collections.abc import Mapping
from typing import Any

from .parsing import RESOURCE_BODY, TASK_BODY


def http_response(body: Mapping[str, Any]) -> bytes:
    payload = json.dumps(body).encode()
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(payload)}\r\n".encode()
        + b"Connection: keep-alive\r\n\r\n"
        + payload
    )


RESPONSE = http_response(TASK_BODY)


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while await reader.readuntil(b"\r\n\r\n"):
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def serve() -> None:
    server = await asyncio.start_server(answer, "127.0.0.1", 0, backlog=512)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if sys.argv[1:] == ["resource"]:
        RESPONSE = http_response(RESOURCE_BODY)
    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        sys.exit(0)
