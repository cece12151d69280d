"""The pipeline that turns the published OnetSolutions OpenAPI schema into the typed client.

Steps, each in its own module:

    fetch      download the published schema, validate it, pin it under `openapi/`
    generate   pinned schema -> schema overlays -> openapi-python-client -> runtime files
               -> ruff -> import and name checks -> `generated/`

The nox sessions in `noxfile.py` call `python -m codegen <step>`; nothing here reads the
environment except the command line in `codegen.__main__`.
"""
