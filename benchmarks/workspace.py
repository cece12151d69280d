"""Throwaway copies of the repository's pipeline inputs, each with a schema of its own."""

import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PIPELINE_INPUTS = ("pyproject.toml", "openapi", "overlays")


def pipeline_copy(root: Path, schema_text: str | None = None) -> Path:
    """Copy the pipeline's inputs into ``root``; ``schema_text`` replaces the pinned schema."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in PIPELINE_INPUTS:
        source = REPOSITORY / entry
        if source.is_dir():
            shutil.copytree(source, root / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / entry)
    if schema_text is not None:
        (root / "openapi" / "onetsolutions.yaml").write_text(schema_text, encoding="utf-8")
    return root
