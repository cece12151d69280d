"""openapi-python-client, run in this process at its pinned version.

Running it in-process rather than as a command saves an interpreter start, and hands back the
generator's own reading of the schema, which the public-surface snapshot reuses instead of
parsing the schema a second time.
"""

import contextlib
import io
import logging
from pathlib import Path
from typing import Any

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import ErrorLevel, GeneratorError

from .errors import GenerationError

logger = logging.getLogger("codegen.generate")


def generator_config(config_file: Path, output_dir: Path | None = None) -> Config:
    """The generator's configuration from ``config_file``, generating the package alone."""
    return Config.from_sources(
        ConfigFile.load_from_path(config_file),
        MetaType.NONE,
        config_file,  # the document is handed over already parsed; this is never read
        "utf-8",
        True,
        output_dir,
    )


def read_schema(document: dict[str, Any], config: Config) -> GeneratorData:
    """The generator's model of ``document``; raises GenerationError when it cannot read it."""
    data = GeneratorData.from_dict(document, config=config)
    if isinstance(data, GeneratorError):
        raise GenerationError(f"openapi-python-client cannot read the schema: {_describe(data)}")
    return data


def write_package(
    data: GeneratorData, config: Config, templates_dir: Path, package_dir: Path
) -> None:
    """Render the package for ``data`` into ``package_dir`` with our templates first.

    Each generator warning (an operation or model it skipped) is logged at WARNING with its
    reason; an error raises GenerationError.
    """
    project = Project(openapi=data, config=config, custom_template_path=templates_dir)
    with contextlib.redirect_stdout(io.StringIO()):  # it prints "Generating <path>"
        problems = project.build()

    for problem in problems:
        if problem.level is ErrorLevel.ERROR:
            raise GenerationError(f"openapi-python-client failed: {_describe(problem)}")
        logger.warning("openapi-python-client: %s", _describe(problem))
    if not (package_dir / "__init__.py").exists():
        raise GenerationError(f"openapi-python-client wrote no package to {package_dir}")


def _describe(problem: GeneratorError) -> str:
    detail = (problem.detail or "").strip().splitlines()
    return f"{problem.header}{' ' + detail[0] if detail else ''}"
