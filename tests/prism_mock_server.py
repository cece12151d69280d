"""The Prism mock server (npm ``@stoplight/prism-cli``, pinned in ``tests/prism``), run on a
free loopback port for the contract tests.

The nox ``tests`` session installs it with npm when Node.js is present. It is started as
``node_modules/.bin/prism`` itself, never through npx: stopping an npx wrapper leaves the
server holding the port.
"""

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PRISM_DIR = Path(__file__).resolve().parent / "prism"
PRISM_EXECUTABLE = PRISM_DIR / "node_modules" / ".bin" / "prism"
LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 30.0
SHUTDOWN_SECONDS = 5.0


class PrismDidNotStart(RuntimeError):
    """Prism exited or did not listen in time; the message carries its output."""


def why_prism_cannot_run() -> str | None:
    """Why Prism cannot run on this machine, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (no `node` on PATH); the Prism contract tests need it"
    if not PRISM_EXECUTABLE.exists():
        return (
            f"Prism is not installed in {PRISM_DIR.name}/node_modules; "
            "`python3 noxfile.py -s tests` installs it with npm"
        )
    return None


@contextmanager
def running_prism(document: dict[str, Any], options: list[str], work_dir: Path) -> Iterator[str]:
    """Serve ``document`` with Prism started with ``options``; yield its base URL.

    Raises PrismDidNotStart when Prism exits or does not listen within STARTUP_SECONDS.
    Prism is stopped on exit, killed if it does not stop in SHUTDOWN_SECONDS.
    """
    schema_file = work_dir / "schema.json"
    schema_file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    log_file = work_dir / "prism.log"
    port = _free_loopback_port()

    command = [str(PRISM_EXECUTABLE), "mock", "--host", LOOPBACK, "--port", str(port), *options]
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            [*command, str(schema_file)], stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_listening(process, port, log_file)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=SHUTDOWN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log_file: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PrismDidNotStart(
                f"Prism exited with status {process.returncode}: {_output(log_file)}"
            )
        try:
            socket.create_connection((LOOPBACK, port), timeout=0.5).close()
        except OSError:
            time.sleep(0.05)
        else:
            return
    raise PrismDidNotStart(
        f"Prism did not listen on port {port} within {STARTUP_SECONDS:.0f} s: {_output(log_file)}"
    )


def _output(log_file: Path) -> str:
    return log_file.read_text(encoding="utf-8", errors="replace").strip() or "no output"
