"""The pipeline's settings: one typed object, read from ``[tool.codegen]`` in pyproject.toml."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where each input and output of the pipeline lives; paths are absolute."""

    root: Path
    schema_url: str
    pinned_schema: Path
    provenance: Path
    generator_config: Path
    package_name: str
    package_version: str
    generated_dir: Path
    schema_overlays_dir: Path
    runtime_overlays_dir: Path
    templates_dir: Path

    def shown(self, path: Path) -> str:
        """``path`` relative to the repository when it is inside it, for shorter messages."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    @property
    def package_dir(self) -> Path:
        """The generated, importable package inside ``generated_dir``."""
        return self.generated_dir / self.package_name

    @property
    def dist_dir(self) -> Path:
        """Where the build session writes the wheel and sdist."""
        return self.root / "dist"


def load_settings(root: Path = REPOSITORY_ROOT) -> Settings:
    """Read the settings of the repository at ``root``.

    Raises PipelineError naming the file and the missing key when the table is incomplete.
    """
    pyproject_path = root / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_path.read_text(encoding="utf-8"))
    table = pyproject.get("tool", {}).get("codegen", {})

    def path_setting(key: str) -> Path:
        return root / text_setting(key)

    def text_setting(key: str) -> str:
        if key not in table:
            raise PipelineError(f"{pyproject_path}: [tool.codegen] has no '{key}'; add it.")
        return str(table[key])

    return Settings(
        root=root,
        schema_url=text_setting("schema_url"),
        pinned_schema=path_setting("pinned_schema"),
        provenance=path_setting("provenance"),
        generator_config=path_setting("generator_config"),
        package_name=text_setting("package_name"),
        package_version=str(pyproject["project"]["version"]),
        generated_dir=path_setting("generated_dir"),
        schema_overlays_dir=path_setting("schema_overlays_dir"),
        runtime_overlays_dir=path_setting("runtime_overlays_dir"),
        templates_dir=path_setting("templates_dir"),
    )
