"""The pipeline that turns the published OnetSolutions OpenAPI schema into the typed client.

Steps, each in its own module:

    fetch       download the published schema, validate it, pin it under `openapi/`
    generate    pinned schema -> schema overlays -> openapi-python-client -> runtime files
                -> ruff -> import and name checks -> `generated/`
    version     print the package version; bump it by kind, or by the schema-change rule
    check-dist  check the built wheel and sdist hold what they must and nothing else
    publish     upload them to a private package index with twine
    vendor      copy the built package into another source tree under any import name

The nox sessions in `noxfile.py` call `python -m codegen <step>`; nothing here reads the
environment except the command line in `codegen.__main__`.
"""
