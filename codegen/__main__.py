"""Command line of the pipeline: ``python -m codegen [--root DIR] STEP ...``.

Steps: fetch, generate, version, check-dist, publish, vendor (``--help`` on each says more).
This is the only place that reads the environment (``ONETSOLUTIONS_SCHEMA_URL``,
``ONETSOLUTIONS_INDEX_URL``, ``ONETSOLUTIONS_UPLOAD_URL``, ``TWINE_USERNAME``,
``TWINE_PASSWORD``); every failure is printed as one line on stderr with exit status 1.
"""

import argparse
import logging
import math
import os
import sys
from pathlib import Path

from .errors import PipelineError
from .settings import REPOSITORY_ROOT, Settings, load_settings
from .versioning import BUMP_KINDS

SCHEMA_URL_VARIABLE = "ONETSOLUTIONS_SCHEMA_URL"
ACCEPT_BREAKING_VARIABLE = "ONETSOLUTIONS_ACCEPT_BREAKING"
INDEX_URL_VARIABLE = "ONETSOLUTIONS_INDEX_URL"
UPLOAD_URL_VARIABLE = "ONETSOLUTIONS_UPLOAD_URL"

logger = logging.getLogger("codegen")


def main(argv: list[str] | None = None) -> int:
    arguments = _parse_arguments(argv)
    _configure_logging(arguments.verbose)

    try:
        settings = load_settings(arguments.root)
        if arguments.step == "fetch":
            from .fetch import fetch_schema

            source = arguments.url or os.environ.get(SCHEMA_URL_VARIABLE, "").strip()
            source = source or settings.schema_url
            fetch_schema(settings, source, timeout=arguments.timeout)
        elif arguments.step == "generate":
            from .generate import generate_client

            accept_breaking = arguments.accept_breaking or os.environ.get(ACCEPT_BREAKING_VARIABLE)
            generate_client(
                settings,
                output_dir=arguments.output,
                stop_on_breaking=arguments.stop_on_breaking and not accept_breaking,
                bump_version=arguments.bump_version,
            )
        elif arguments.step == "version":
            run_version_step(settings, arguments)
        elif arguments.step == "check-dist":
            from .distribution import check_distributions, find_distributions

            check_distributions(
                settings, find_distributions(settings, arguments.dist or settings.dist_dir)
            )
        elif arguments.step == "publish":
            run_publish_step(settings, arguments)
        elif arguments.step == "vendor":
            from .distribution import find_distributions
            from .vendor import vendor_package

            wheel = find_distributions(settings, arguments.dist or settings.dist_dir).wheel
            vendor_package(settings, wheel, arguments.destination.resolve(), arguments.package)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except RecursionError:
        print(
            f"error: {arguments.step}: the schema nests too deeply or its $refs form a loop "
            "this tool cannot follow; check the schema.",
            file=sys.stderr,
        )
        return 1
    except (OSError, ValueError) as error:
        # Anything else the file system or a library refuses still ends in one line.
        cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"error: {arguments.step}: {cause}", file=sys.stderr)
        return 1
    return 0


def _positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above zero."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above zero")
    return seconds


def run_version_step(settings: Settings, arguments: argparse.Namespace) -> None:
    """Print the package version after the bump asked for, if any."""
    from .versioning import bump_version

    print(bump_version(settings, arguments.bump))


def run_publish_step(settings: Settings, arguments: argparse.Namespace) -> None:
    """Check the built files, then upload them to the index named by the environment."""
    from .distribution import check_distributions, find_distributions
    from .publish import package_index, publish_distributions, refuse_public_index

    index = package_index(
        arguments.index_url or os.environ.get(INDEX_URL_VARIABLE),
        os.environ.get(UPLOAD_URL_VARIABLE),
    )
    refuse_public_index(index, arguments.allow_public_index)

    distributions = find_distributions(settings, arguments.dist or settings.dist_dir)
    check_distributions(settings, distributions)
    user, password = os.environ.get("TWINE_USERNAME"), os.environ.get("TWINE_PASSWORD")
    credentials = (user, password) if user and password else None
    publish_distributions(settings, distributions, index, credentials)


def _parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument(
        "--root",
        type=Path,
        default=REPOSITORY_ROOT,
        help="repository to work on (default: this one)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details at DEBUG")
    steps = parser.add_subparsers(dest="step", required=True)

    fetch = steps.add_parser("fetch", help="download, validate and pin the published schema")
    fetch.add_argument(
        "--url",
        help=f"schema URL or local file (default: ${SCHEMA_URL_VARIABLE}, then the pinned source)",
    )
    fetch.add_argument(
        "--timeout", type=_positive_seconds, default=30.0, help="seconds (default: 30)"
    )

    generate = steps.add_parser("generate", help="regenerate the client from the pinned schema")
    generate.add_argument(
        "--output",
        type=Path,
        default=None,
        help="write the package under this directory instead of replacing generated/",
    )
    generate.add_argument(
        "--stop-on-breaking",
        action="store_true",
        help="print the changelog and fail when the public surface changes incompatibly",
    )
    generate.add_argument(
        "--bump-version",
        action="store_true",
        help="bump the package version by what the public-surface changes imply",
    )
    generate.add_argument(
        "--accept-breaking",
        action="store_true",
        help=f"go on despite breaking changes (also: {ACCEPT_BREAKING_VARIABLE}=1)",
    )

    version = steps.add_parser("version", help="print the package version, bumping it if asked")
    version.add_argument("--bump", choices=BUMP_KINDS, help="bump this part of the version")

    dist_help = "folder of the built wheel and sdist (default: dist/ in the repository)"
    check_dist = steps.add_parser("check-dist", help="check the contents of the built files")
    check_dist.add_argument("--dist", type=Path, default=None, help=dist_help)

    publish = steps.add_parser("publish", help="upload the built files to a private index")
    publish.add_argument("--dist", type=Path, default=None, help=dist_help)
    publish.add_argument(
        "--index-url",
        help=f"the index's simple URL, used to install from it (default: ${INDEX_URL_VARIABLE})",
    )
    publish.add_argument(
        "--allow-public-index",
        action="store_true",
        help="allow uploading to the public index (refused otherwise)",
    )

    vendor = steps.add_parser("vendor", help="copy the built package into another source tree")
    vendor.add_argument("destination", type=Path, help="source root of the importing project")
    vendor.add_argument(
        "--package", default=None, help="dotted import name of the copy (default: onetsolutions)"
    )
    vendor.add_argument("--dist", type=Path, default=None, help=dist_help)
    return parser.parse_args(argv)


def _configure_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
