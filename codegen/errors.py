"""Errors the pipeline reports to the person running it.

    PipelineError            anything that stops a step; its message is one actionable line
    ├── SchemaError          a schema document that cannot be parsed or is not OpenAPI 3.0
    ├── FetchError           the published schema could not be downloaded
    ├── OverlayError         a schema overlay that is malformed or no longer applies
    └── GenerationError      the generator, the formatter or the post-generation checks failed

Each message names the input (a URL, a file, an operation) and the cause, and where it can,
what to do. The command line prints it as a single line and exits non-zero.
"""


class PipelineError(Exception):
    """A step of the pipeline failed; ``str(error)`` is the one-line message for the user."""


class SchemaError(PipelineError):
    """A schema document could not be parsed, or is not an OpenAPI 3.0 document."""


class FetchError(PipelineError):
    """The published schema could not be downloaded or was not acceptable."""


class OverlayError(PipelineError):
    """A schema overlay is malformed, or one of its actions no longer matches the schema."""


class GenerationError(PipelineError):
    """Code generation, formatting or a check of the generated package failed."""
