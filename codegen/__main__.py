"""Command line of the pipeline: ``python -m codegen [--root DIR] {fetch,generate}``.

This is the only place that reads the environment (``ONETSOLUTIONS_SCHEMA_URL``); every
failure is printed as one line on stderr with exit status 1.
"""

import argparse
import logging
import os
import sys
from pathlib import Path

from .errors import PipelineError
from .settings import REPOSITORY_ROOT, load_settings

SCHEMA_URL_VARIABLE = "ONETSOLUTIONS_SCHEMA_URL"
ACCEPT_BREAKING_VARIABLE = "ONETSOLUTIONS_ACCEPT_BREAKING"

logger = logging.getLogger("codegen")


def main(argv: list[str] | None = None) -> int:
    arguments = _parse_arguments(argv)
    _configure_logging(arguments.verbose)

    try:
        settings = load_settings(arguments.root)
        if arguments.step == "fetch":
            from .fetch import fetch_schema

            source = arguments.url or os.environ.get(SCHEMA_URL_VARIABLE) or settings.schema_url
            fetch_schema(settings, source, timeout=arguments.timeout)
        elif arguments.step == "generate":
            from .generate import generate_client

            accept_breaking = arguments.accept_breaking or os.environ.get(ACCEPT_BREAKING_VARIABLE)
            generate_client(
                settings,
                output_dir=arguments.output,
                stop_on_breaking=arguments.stop_on_breaking and not accept_breaking,
            )
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


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
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds (default: 30)")

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
        "--accept-breaking",
        action="store_true",
        help=f"go on despite breaking changes (also: {ACCEPT_BREAKING_VARIABLE}=1)",
    )
    return parser.parse_args(argv)


def _configure_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
