"""The publish step: upload the built wheel and sdist to a private package index with twine.

    index URL (what consumers pass to ``pip install --index-url``)
        -> upload URL (given, or the index URL without its ``simple/``)
        -> refuse the public index unless allowed -> refuse a version already there
        -> twine upload

There is no default index: an upload goes to the public index only when asked for in so many
words, because a name published there by mistake cannot be taken back. Credentials are
twine's business (``TWINE_USERNAME``/``TWINE_PASSWORD`` or keyring); they are never logged.
"""

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from .distribution import Distributions
from .errors import PipelineError
from .settings import Settings

logger = logging.getLogger("codegen.publish")

# Hosts of the public index and its test instance, with the upload URL each one uses.
PUBLIC_INDEX_UPLOAD_URLS = {
    "pypi.org": "https://upload.pypi.org/legacy/",
    "upload.pypi.org": "https://upload.pypi.org/legacy/",
    "pypi.python.org": "https://upload.pypi.org/legacy/",
    "test.pypi.org": "https://test.pypi.org/legacy/",
}


class PublishError(PipelineError):
    """The distributions were not uploaded; the message says why and what to do."""


@dataclass(frozen=True)
class PackageIndex:
    """Where consumers install from (``simple_url``) and where publishing uploads to."""

    simple_url: str
    upload_url: str

    @property
    def is_public(self) -> bool:
        return any(_host(url) in PUBLIC_INDEX_UPLOAD_URLS for url in self.urls)

    @property
    def urls(self) -> tuple[str, str]:
        return (self.simple_url, self.upload_url)


def package_index(index_url: str | None, upload_url: str | None = None) -> PackageIndex:
    """The index named by ``index_url`` (its simple API) and, optionally, its upload URL.

    Without ``upload_url``, the upload URL is ``index_url`` without its last ``simple`` (or
    devpi's ``+simple``) segment, which is where pypiserver, devpi, Nexus and Artifactory take
    uploads. Raises PublishError when no index is named or the upload URL cannot be derived.
    """
    if not index_url:
        raise PublishError(
            "no package index named: set ONETSOLUTIONS_INDEX_URL to the private index's simple "
            "URL (https://host/simple/); publishing has no default index."
        )
    return PackageIndex(simple_url=index_url, upload_url=upload_url or _upload_url(index_url))


def refuse_public_index(index: PackageIndex, allow_public_index: bool) -> None:
    """Raise PublishError when ``index`` is the public index and that was not explicitly allowed."""
    if index.is_public and not allow_public_index:
        raise PublishError(
            f"{shown_url(index.upload_url)} is the public package index; this package goes "
            "to a private index (set ONETSOLUTIONS_INDEX_URL), or pass --allow-public-index "
            "if it really is meant for everyone."
        )


def publish_distributions(
    settings: Settings,
    distributions: Distributions,
    index: PackageIndex,
    credentials: tuple[str, str] | None = None,
) -> None:
    """Upload ``distributions`` to ``index`` with twine.

    ``credentials`` (user, password) are used only to list what the index already holds;
    twine finds its own. Raises PublishError when the version is already on the index (a
    published version never changes) or the upload fails.
    """
    started = time.perf_counter()
    names = {path.name for path in distributions.files}

    already_published = names & files_on_index(index.simple_url, settings.package_name, credentials)
    if already_published:
        raise _already_published(settings, index)

    _upload_with_twine(settings, distributions, index)

    size = sum(path.stat().st_size for path in distributions.files)
    logger.info(
        "published %s %s (%d files, %d bytes) to %s in %.1f s",
        settings.package_name,
        settings.package_version,
        len(names),
        size,
        shown_url(index.upload_url),
        time.perf_counter() - started,
    )


def files_on_index(
    simple_url: str, project: str, credentials: tuple[str, str] | None = None
) -> set[str]:
    """File names the index lists for ``project`` (PEP 503 page); empty when it has none.

    An index that does not let us read (401, 403) is treated as empty: the upload itself will
    then be refused by the index if the files exist. Raises PublishError when unreachable.
    """
    project_url = f"{simple_url.rstrip('/')}/{project}/"
    try:
        response = httpx.get(
            project_url,
            auth=credentials,
            headers={"Accept": "text/html"},
            follow_redirects=True,
            timeout=30,
        )
    except httpx.HTTPError as error:
        raise PublishError(
            f"{shown_url(project_url)}: cannot list the published files ({error}); "
            "check ONETSOLUTIONS_INDEX_URL and that the index is reachable."
        ) from None

    if response.status_code == 404:
        return set()
    # Limitation: an index that lets only some accounts read is not listed; a re-upload there
    # is caught only if the index refuses it, with an error twine may not explain.
    if response.status_code in (401, 403):
        logger.info(
            "%s: %d, cannot list published files", shown_url(project_url), response.status_code
        )
        return set()
    if response.status_code != 200:
        raise PublishError(
            f"{shown_url(project_url)}: answered {response.status_code} when listing the "
            "published files; check ONETSOLUTIONS_INDEX_URL."
        )
    return _linked_file_names(response.text)


def shown_url(url: str) -> str:
    """``url`` without any user or password in it, for messages and logs."""
    parts = urlsplit(url)
    if parts.hostname is None or "@" not in parts.netloc:
        return url
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _upload_url(index_url: str) -> str:
    public_upload_url = PUBLIC_INDEX_UPLOAD_URLS.get(_host(index_url) or "")
    if public_upload_url:
        return public_upload_url

    parts = urlsplit(index_url)
    path = PurePosixPath(parts.path or "/")
    if path.name not in ("simple", "+simple"):
        raise PublishError(
            f"{shown_url(index_url)}: cannot tell the upload URL of an index whose URL does not "
            "end in /simple/; set ONETSOLUTIONS_UPLOAD_URL to it."
        )
    return urlunsplit(parts._replace(path=str(path.parent).rstrip("/") + "/"))


def _upload_with_twine(
    settings: Settings, distributions: Distributions, index: PackageIndex
) -> None:
    command = [
        sys.executable,
        "-m",
        "twine",
        "--no-color",
        "upload",
        "--non-interactive",
        "--disable-progress-bar",
        f"--repository-url={index.upload_url}",
        *(str(path) for path in distributions.files),
    ]
    # Wide output, so that twine's error stays on one line that can be passed on.
    environment = {**os.environ, "COLUMNS": "500"}
    completed = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False
    )

    output = f"{completed.stdout}\n{completed.stderr}"
    for line in output.splitlines():
        logger.debug("twine: %s", line)
    if completed.returncode == 0:
        return

    if "already exist" in output.lower() or " 409 " in output:
        raise _already_published(settings, index)
    errors = [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR")]
    cause = (
        errors[-1].removeprefix("ERROR").strip()
        if errors
        else f"exit status {completed.returncode}"
    )
    raise PublishError(
        f"twine could not upload to {shown_url(index.upload_url)}: {cause}; check the URL and "
        "the credentials (TWINE_USERNAME/TWINE_PASSWORD or keyring)."
    )


def _already_published(settings: Settings, index: PackageIndex) -> PublishError:
    return PublishError(
        f"{settings.package_name} {settings.package_version} is already on "
        f"{shown_url(index.simple_url)}; a published version never changes: bump the version "
        "(`python -m codegen version --bump patch`), build and publish again."
    )


def _host(url: str) -> str | None:
    return urlsplit(url).hostname


class _AnchorCollector(HTMLParser):
    """Collects the file name each ``<a href>`` of a PEP 503 project page points to."""

    def __init__(self) -> None:
        super().__init__()
        self.file_names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            path = urlsplit(href).path
            self.file_names.add(unquote(PurePosixPath(path).name))


def _linked_file_names(page: str) -> set[str]:
    collector = _AnchorCollector()
    collector.feed(page)
    return collector.file_names
