"""The main job: regenerate the typed client from the pinned schema.

    pinned schema -> schema overlays -> schema transforms -> openapi-python-client
    -> runtime files from overlays/ -> ruff -> checks -> generated/

Everything is built in a scratch directory beside the destination and swapped in with one
rename at the end, so a failure at any step leaves ``generated/`` exactly as it was.
"""

import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml

from . import checks, generator, versioning
from .api_diff import python_api_breakages
from .atomic import replace_directory
from .changes import Change, Severity, changelog_markdown, compare_surfaces, semver_bump
from .errors import GenerationError
from .overlays import apply_overlay_directory, overlay_files
from .package_metadata import METADATA_MODULE, PackageMetadata, write_package_metadata
from .provenance import read_provenance, sha256_hex
from .read_write_split import split_read_write
from .request_bodies import keep_one_request_media_type
from .schema_document import load_pinned_schema, validate_openapi_30
from .settings import Settings
from .surface import Surface, read_surface, surface_of, write_surface

logger = logging.getLogger("codegen.generate")

GENERATOR_DISTRIBUTION = "openapi-python-client"
SURFACE_FILE = "surface.json"


@dataclass(frozen=True)
class GenerationReport:
    """What one run produced, for the closing log line and for tests."""

    schema_source: str
    schema_sha256: str
    operations: int
    models: int
    seconds: float
    surface_changes: list[Change]


def generate_client(
    settings: Settings,
    output_dir: Path | None = None,
    *,
    stop_on_breaking: bool = False,
    bump_version: bool = False,
) -> GenerationReport:
    """Regenerate the package from the pinned schema.

    Writes ``<output_dir>/<package>`` and ``<output_dir>/surface.json`` when ``output_dir`` is
    given, else replaces them under ``generated/``. With ``stop_on_breaking``, a breaking
    change to the public surface is an error (after the changelog is printed). With
    ``bump_version``, the package version in pyproject.toml is bumped by the kind of change
    the comparison with the committed package implies, and the package records it. Raises
    SchemaError, OverlayError or GenerationError; on any error nothing at the destination
    changes.
    """
    started = time.perf_counter()
    destination = (output_dir or settings.generated_dir) / settings.package_name
    source = settings.shown(settings.pinned_schema)

    _refuse_to_replace_foreign_folder(destination)

    schema_sha256, document = _read_prepared_schema(settings, validate=False)
    field_prefix = generator_field_prefix(settings.generator_config)
    operations = checks.list_operations(document, field_prefix)
    checks.check_operation_names_are_unique(operations, source)
    checks.check_field_names_are_unique(document, source, field_prefix)

    destination.parent.mkdir(parents=True, exist_ok=True)
    with (
        _validation_beside(document, _prepared_schema_name(settings)) as validation,
        tempfile.TemporaryDirectory(prefix=".generate-", dir=destination.parent) as scratch,
    ):
        package_dir = Path(scratch) / settings.package_name
        config = generator.generator_config(settings.generator_config, package_dir)
        try:
            schema_model = generator.read_schema(document, config)
            generator.write_package(schema_model, config, settings.templates_dir, package_dir)
        except GenerationError:
            validation.result()  # an invalid schema is the cause to report, when it is one
            raise
        _copy_runtime_overlays(settings.runtime_overlays_dir, package_dir)
        _write_metadata(settings, package_dir, document, schema_sha256)
        _format_with_ruff(package_dir)

        checks.check_ruff_error_rules(package_dir)
        checks.check_imports_are_relative(package_dir)
        checks.check_modules_import(package_dir)
        operation_count = checks.check_every_operation_has_a_module(operations, package_dir, source)
        model_count = sum(1 for module in (package_dir / "models").glob("[!_]*.py"))

        surface = surface_of(schema_model, settings.package_name)
        surface["schema_sha256"] = schema_sha256
        changes = _review_surface_changes(settings, surface, package_dir, stop_on_breaking)
        if bump_version:
            settings = _record_bumped_version(
                settings, changes, package_dir, document, schema_sha256
            )
        new_surface_file = Path(scratch) / SURFACE_FILE
        write_surface(surface, new_surface_file)

        validation.result()
        replace_directory(destination, package_dir)
        new_surface_file.replace(destination.parent / SURFACE_FILE)

    report = GenerationReport(
        schema_source=_schema_source(settings),
        schema_sha256=schema_sha256,
        operations=operation_count,
        models=model_count,
        seconds=time.perf_counter() - started,
        surface_changes=changes,
    )
    logger.info(
        "generated %s from %s (sha256 %s): %d operations, %d models in %.2f s -> %s",
        settings.package_name,
        report.schema_source,
        report.schema_sha256[:12],
        report.operations,
        report.models,
        report.seconds,
        settings.shown(destination),
    )
    return report


def _refuse_to_replace_foreign_folder(destination: Path) -> None:
    """Replacing ``destination`` deletes it: only a package this pipeline made may be there."""
    if destination.exists() and not (destination / METADATA_MODULE).is_file():
        raise GenerationError(
            f"{destination} exists and is not a package this pipeline generated (it has no "
            f"{METADATA_MODULE}); generating replaces it whole, so choose another --output "
            "folder or move that one away."
        )


def prepared_schema(settings: Settings) -> dict[str, Any]:
    """The document the generator is given: the pinned schema, overlays and transforms applied.

    Tests that check the client against the schema start from this, so they see what the
    package was generated from. Raises SchemaError or OverlayError.
    """
    return _read_prepared_schema(settings)[1]


def _read_prepared_schema(
    settings: Settings, *, validate: bool = True
) -> tuple[str, dict[str, Any]]:
    """The sha256 of the pinned schema's bytes, and the prepared document.

    The pinned schema is validated unless its provenance records that these very bytes were
    validated when fetched; the overlaid result is validated when ``validate`` is True.
    """
    provenance = read_provenance(settings.provenance)
    raw_schema, document = load_pinned_schema(
        settings.pinned_schema, validated_sha256=provenance.sha256 if provenance else None
    )
    document = apply_schema_overlays(document, settings, validate=validate)
    return sha256_hex(raw_schema), apply_schema_transforms(document)


@contextmanager
def _validation_beside(document: dict[str, Any], name: str) -> Iterator[Future[None]]:
    """Validate ``document`` as OpenAPI 3.0 in another process while this one generates.

    On a schema of hundreds of operations validation takes seconds; on two cores it then
    costs no wall time. ``result()`` of the future raises SchemaError for an invalid schema.
    """
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        yield pool.submit(validate_openapi_30, document, name)


def _prepared_schema_name(settings: Settings) -> str:
    overlays = [path.name for path in overlay_files(settings.schema_overlays_dir)]
    if not overlays:
        return f"{settings.shown(settings.pinned_schema)} after the schema transforms"
    return (
        f"{settings.shown(settings.pinned_schema)} after the overlays "
        f"({', '.join(overlays)}) and the schema transforms"
    )


def _record_bumped_version(
    settings: Settings,
    changes: list[Change],
    package_dir: Path,
    document: dict[str, Any],
    schema_sha256: str,
) -> Settings:
    """Bump pyproject's version by what ``changes`` imply and write it into the package."""
    new_version = versioning.bump_version(settings, semver_bump(changes))
    if new_version == settings.package_version:
        return settings

    settings = replace(settings, package_version=new_version)
    _write_metadata(settings, package_dir, document, schema_sha256)
    _format_with_ruff(package_dir / METADATA_MODULE)
    return settings


def _review_surface_changes(
    settings: Settings, surface: Surface, package_dir: Path, stop_on_breaking: bool
) -> list[Change]:
    """Compare the new surface and package with the committed ones; report what changed.

    Both the schema-level comparison and griffe's look at the Python code feed the verdict.
    """
    committed = read_surface(settings.generated_dir / SURFACE_FILE)
    if committed is None or not settings.package_dir.is_dir():
        logger.info("no committed surface to compare with: first generation")
        return []

    schema_changed = committed.get("schema_sha256") != surface["schema_sha256"]
    changes = compare_surfaces(committed, surface, schema_changed=schema_changed)
    changes += python_api_breakages(settings.package_dir, package_dir)
    bump = semver_bump(changes)
    breaking = [change for change in changes if change.severity is Severity.BREAKING]
    logger.info(
        "public surface: %d breaking, %d additive, %d cosmetic change(s); implies %s",
        len(breaking),
        sum(change.severity is Severity.ADDITIVE for change in changes),
        sum(change.severity is Severity.COSMETIC for change in changes),
        f"a {bump} version bump" if bump else "no version bump",
    )

    changelog = changelog_markdown(
        changes, old_version=settings.package_version, schema_sha256=surface["schema_sha256"]
    )
    if stop_on_breaking:
        print(changelog)
    else:
        logger.debug("%s", changelog)

    if stop_on_breaking and breaking:
        raise GenerationError(
            f"{len(breaking)} breaking change(s) to the public surface, first "
            f"{breaking[0].subject}: {breaking[0].description}; read the changelog above, then "
            "accept with --accept-breaking (or ONETSOLUTIONS_ACCEPT_BREAKING=1) to go on."
        )
    return changes


def apply_schema_overlays(
    document: dict[str, Any], settings: Settings, *, validate: bool = True
) -> dict[str, Any]:
    """Apply the schema fixes kept under ``overlays/schema`` to ``document``.

    This is the one place the pinned schema is changed before generation. The overlay files
    apply in file-name order; each one's count of applied actions is logged. The result is
    validated as OpenAPI 3.0 unless ``validate`` is False. Raises OverlayError when an overlay
    is malformed or no longer fits the schema.
    """
    apply_overlay_directory(
        document, settings.schema_overlays_dir, settings.shown, validate=validate
    )
    return document


def apply_schema_transforms(document: dict[str, Any]) -> dict[str, Any]:
    """Return ``document`` after the generic transforms every drf-spectacular schema needs.

    They run after the overlays, name nothing of our schema, and each logs one line of figures.
    """
    document, bodies = keep_one_request_media_type(document)
    logger.info("request bodies: %s", bodies.summary())

    document, split = split_read_write(document)
    logger.info("read/write split: %s", split.summary())
    for component, variant in split.variants.items():
        logger.debug("read/write split: %s is the request form of %s", variant, component)
    return document


def _copy_runtime_overlays(runtime_dir: Path, package_dir: Path) -> None:
    """Copy the hand-written modules under ``overlays/runtime`` into the package."""
    if not runtime_dir.is_dir():
        return
    copied = 0
    for source in sorted(runtime_dir.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        target = package_dir / source.relative_to(runtime_dir)
        if target.exists():
            logger.debug("runtime overlay %s replaces the generated module", source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied += 1
    logger.debug("copied %d runtime file(s) from %s", copied, runtime_dir)


def _write_metadata(
    settings: Settings, package_dir: Path, document: dict[str, Any], schema_sha256: str
) -> None:
    """Record which schema and generator produced the package, readable at runtime."""
    metadata = PackageMetadata(
        package_version=settings.package_version,
        api_version=str(document.get("info", {}).get("version", "")),
        schema_source=_schema_source(settings),
        schema_sha256=schema_sha256,
        generator=f"{GENERATOR_DISTRIBUTION} {version(GENERATOR_DISTRIBUTION)}",
    )
    write_package_metadata(package_dir, metadata)


def _format_with_ruff(path: Path) -> None:
    """Tidy imports and format ``path`` (the package, or one module of it) with fixed options,
    so the output does not depend on where it is written."""
    common = ["--isolated", "--target-version=py311", "--line-length=100"]
    for arguments in (["check", "--fix-only", "--select=F401,I"], ["format"]):
        completed = subprocess.run(
            [sys.executable, "-m", "ruff", *arguments, *common, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            output = (completed.stderr + completed.stdout).strip().splitlines()
            cause = next((line for line in output if "error" in line.lower()), None)
            raise GenerationError(
                f"ruff {arguments[0]} failed on the generated package: "
                f"{cause or (output[-1] if output else 'no output')}; the module it names comes "
                "from overlays/runtime or overlays/templates"
            )


def generator_field_prefix(config_path: Path) -> str:
    """The prefix the generator puts before a name that is not a Python identifier."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    return str(config.get("field_prefix", "field_"))


def _schema_source(settings: Settings) -> str:
    provenance = read_provenance(settings.provenance)
    return provenance.source_url if provenance else settings.shown(settings.pinned_schema)
