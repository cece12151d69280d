"""Run every benchmark, print one table and write it as Markdown.

    python -m benchmarks [--quick] [--markdown PATH]

Each figure is a ratio against a baseline measured in the same run, on the pinned schema and
on a synthetic drf-spectacular schema of 500 operations (``benchmarks.synthetic_schema``).
``--quick`` uses a small synthetic schema and few repeats: it checks that everything runs.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .imports import measure_import
from .parsing import measure_parsing
from .regeneration import measure_regeneration, prepare_repository
from .requests import measure_requests
from .synthetic_schema import build_schema
from .table import Row, markdown_table
from .waiting import measure_waiting


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    arguments = parser.parse_args(argv)

    large_operations = 12 if arguments.quick else 500
    runs = 1 if arguments.quick else 3
    started = time.perf_counter()
    rows: list[Row] = []

    with tempfile.TemporaryDirectory(prefix="onetsolutions-bench-") as scratch:
        schemas = {
            "pinned (1 op)": None,
            f"synthetic ({large_operations} ops)": yaml.safe_dump(build_schema(large_operations)),
        }
        for index, (label, schema_text) in enumerate(schemas.items()):
            _say(f"regenerating the {label} schema")
            repository = prepare_repository(Path(scratch) / f"schema-{index}", schema_text)
            regeneration_runs = runs if schema_text is None else max(1, runs - 2)
            row, package_dir = measure_regeneration(label, repository, regeneration_runs)
            rows.append(row)

            _say(f"importing the {label} package")
            rows.append(measure_import(label, package_dir, runs=5 if arguments.quick else 21))

            _say(f"parsing a {label} response body")
            model = "InstanceTask" if schema_text is None else "Instance1"
            rows += measure_parsing(label, package_dir, model, repeat=3 if arguments.quick else 7)

            _say(f"calling the {label} package over loopback")
            rows += measure_requests(
                label,
                package_dir,
                synthetic=schema_text is not None,
                calls=200 if arguments.quick else 2000,
                concurrent=20 if arguments.quick else 200,
                rounds=1 if arguments.quick else 5,
            )
            if schema_text is None:
                _say("waiting for simulated tasks")
                rows += measure_waiting(package_dir)

    table = markdown_table(rows)
    print(table)
    print(f"benchmarks took {time.perf_counter() - started:.0f} s")
    if arguments.markdown:
        arguments.markdown.write_text(table, encoding="utf-8")
    return 0


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
