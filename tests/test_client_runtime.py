"""What the package tells about itself, what it costs to import, and that it can be vendored."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

import onetsolutions
from onetsolutions import Client
from tests.conftest import REPOSITORY
from tests.task_api import TASK_PATH, authenticated_client, fetch_task, opened, task_body

pytestmark = pytest.mark.anyio

PACKAGE = REPOSITORY / "generated" / "onetsolutions"


def run_python(code: str, path: Path) -> str:
    """Run ``code`` in a fresh interpreter that sees ``path`` and no checkout of this repository."""
    completed = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(path)!r})\n{code}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


async def test_user_agent_names_the_package_version_and_schema(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json(task_body("running"))
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        await fetch_task(mode, client)

    ((request, _response),) = httpserver.log
    user_agent = request.headers["User-Agent"]
    assert user_agent.startswith(
        f"onetsolutions-python/{onetsolutions.__version__} "
        f"(schema {onetsolutions.SCHEMA_SHA256[:12]}) httpx/{httpx.__version__} python/3."
    )


def test_user_agent_can_be_replaced_by_the_caller() -> None:
    client = Client(headers={"User-Agent": "fleet-poller/2"})

    assert client.get_httpx_client().headers["User-Agent"] == "fleet-poller/2"


def test_provenance_is_readable_from_the_package() -> None:
    assert onetsolutions.__version__ == "0.1.0"
    assert onetsolutions.API_VERSION == "v1 (v1)"
    assert len(onetsolutions.SCHEMA_SHA256) == 64
    assert onetsolutions.GENERATOR == "openapi-python-client 0.29.1"
    assert onetsolutions.SCHEMA_SOURCE == "https://api.onetsolutions.net/schema"


def test_package_works_vendored_under_another_name(tmp_path: Path) -> None:
    vendored = tmp_path / "myapp" / "_vendor" / "onetsolutions"
    shutil.copytree(PACKAGE, vendored, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "myapp" / "__init__.py").write_text("")
    (tmp_path / "myapp" / "_vendor" / "__init__.py").write_text("")

    output = run_python(
        "import importlib, json, pkgutil\n"
        "import myapp._vendor.onetsolutions as package\n"
        "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(module.name)\n"
        "client = package.AuthenticatedClient(token='sk-onetsolutions-x')\n"
        "client.get_httpx_client(); client.get_async_httpx_client()\n"
        "print(json.dumps([n for n in sys.modules if n.split('.')[0] == 'onetsolutions']))\n",
        tmp_path,
    )

    assert json.loads(output) == []


def test_importing_the_package_leaves_the_retry_machinery_for_the_first_request() -> None:
    output = run_python(
        "import json\n"
        "import onetsolutions\n"
        "from onetsolutions.api.compute import get_nested_instance_task\n"
        "print(json.dumps(sorted(m for m in ('asyncio', 'httpx_retries') if m in sys.modules)))\n",
        PACKAGE.parent,
    )

    assert json.loads(output) == []
