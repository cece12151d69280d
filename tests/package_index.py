"""A private package index on loopback: pypiserver with one account that may upload.

Anyone may read, as from a company index behind its network; uploads need the account. The
index serves what was uploaded plus any folders of wheels it is given (the dependencies a
consumer installs from it).
"""

import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import httpx
from passlib.apache import HtpasswdFile

STARTUP_SECONDS = 20


class LocalPackageIndex:
    """pypiserver on 127.0.0.1 and a free port; use it as a context manager."""

    user = "publisher"
    password = "publisher-secret"

    def __init__(self, root: Path, dependency_dirs: Sequence[Path] = ()) -> None:
        self.upload_dir = root / "packages"
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        self.password_file = root / "htpasswd"
        self.log_file = root / "pypiserver.log"
        self.dependency_dirs = list(dependency_dirs)
        self.port = _free_loopback_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def simple_url(self) -> str:
        """What a consumer passes to ``pip install --index-url``."""
        return f"{self.url}simple/"

    def __enter__(self) -> "LocalPackageIndex":
        passwords = HtpasswdFile(str(self.password_file), new=True)
        passwords.set_password(self.user, self.password)
        passwords.save()

        with self.log_file.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pypiserver",
                    "run",
                    "--host=127.0.0.1",
                    f"--port={self.port}",
                    f"--passwords={self.password_file}",
                    "--authenticate=update",
                    # Without this, a name the index lacks is redirected to the public index.
                    "--disable-fallback",
                    str(self.upload_dir),
                    *(str(folder) for folder in self.dependency_dirs),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_ready()
        return self

    def __exit__(
        self,
        exception_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"pypiserver exited: {self.log_file.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"pypiserver not ready after {STARTUP_SECONDS} s: {self.log_file}")


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
