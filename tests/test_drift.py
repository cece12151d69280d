"""The committed generated/ is exactly what the pipeline produces from the pinned schema."""

import shutil
from pathlib import Path

import pytest

from codegen.drift import REGENERATE_HINT, tree_differences
from codegen.settings import load_settings
from tests.conftest import REPOSITORY, run_pipeline

SETTINGS = load_settings(REPOSITORY)


@pytest.fixture(scope="module")
def regenerated_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("regenerated")
    completed = run_pipeline(REPOSITORY, "generate", "--output", str(output))
    assert completed.returncode == 0, completed.stderr
    return output / SETTINGS.package_name


def test_committed_package_matches_a_fresh_regeneration(regenerated_package: Path) -> None:
    differences = tree_differences(SETTINGS.package_dir, regenerated_package)

    assert not differences, f"{REGENERATE_HINT}:\n" + "\n".join(differences)


def test_committed_surface_snapshot_matches_a_fresh_regeneration(regenerated_package: Path) -> None:
    committed = SETTINGS.generated_dir / "surface.json"
    regenerated = regenerated_package.parent / "surface.json"

    assert committed.read_bytes() == regenerated.read_bytes(), f"surface.json: {REGENERATE_HINT}"


def test_regeneration_is_byte_identical_when_run_twice(
    regenerated_package: Path, tmp_path: Path
) -> None:
    completed = run_pipeline(REPOSITORY, "generate", "--output", str(tmp_path))

    assert completed.returncode == 0, completed.stderr
    assert tree_differences(regenerated_package, tmp_path / SETTINGS.package_name) == []


def test_hand_edit_in_generated_package_is_reported_with_how_to_regenerate(
    regenerated_package: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(regenerated_package, edited)
    client_module = edited / "client.py"
    client_module.write_text(client_module.read_text() + "# tweak\n")
    (edited / "models" / "extra.py").write_text("EXTRA = 1\n")
    (edited / "types.py").unlink()

    differences = tree_differences(edited, regenerated_package)

    assert differences == [
        "client.py: content differs",
        "models/extra.py: not produced by the pipeline",
        "types.py: produced by the pipeline but not committed",
    ]
    assert "python3 noxfile.py -s generate" in REGENERATE_HINT
