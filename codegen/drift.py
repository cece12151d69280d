"""Compare the committed package with a fresh regeneration, file by file, byte for byte."""

from pathlib import Path

REGENERATE_HINT = (
    "generated/ must be exactly what the pipeline produces: run `python3 noxfile.py -s generate` "
    "and commit the result (never edit generated/ by hand; put fixes in overlays/)"
)


def tree_differences(committed: Path, regenerated: Path) -> list[str]:
    """List how ``committed`` differs from ``regenerated``: one line per differing file.

    Caches (``__pycache__``) are ignored; everything else must match exactly.
    """
    committed_files = _files(committed)
    regenerated_files = _files(regenerated)

    differences = []
    for relative in sorted(committed_files | regenerated_files):
        if relative not in regenerated_files:
            differences.append(f"{relative}: not produced by the pipeline")
        elif relative not in committed_files:
            differences.append(f"{relative}: produced by the pipeline but not committed")
        elif (committed / relative).read_bytes() != (regenerated / relative).read_bytes():
            differences.append(f"{relative}: content differs")
    return differences


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
