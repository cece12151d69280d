"""Figure 3: a response body (bytes) to a model, against pydantic v2 on an equivalent
hand-written model and against ``json.loads`` alone.
"""

import datetime
import importlib
import json
import subprocess
import sys
import timeit
import uuid
from pathlib import Path
from typing import Any

import pydantic

from .table import Row


class PydanticTaskInstance(pydantic.BaseModel):
    id: uuid.UUID
    name: str


class PydanticTaskCreatedBy(pydantic.BaseModel):
    id: uuid.UUID
    email: str
    first_name: str
    last_name: str


class PydanticInstanceTask(pydantic.BaseModel):
    """The pinned schema's InstanceTask as a user would write it by hand with pydantic."""

    model_config = pydantic.ConfigDict(extra="allow")

    id: uuid.UUID
    instance_id: uuid.UUID
    instance: PydanticTaskInstance
    task_type: str
    status: str
    parameters: Any = None
    result: Any
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    retry_count: int
    max_retries: int | None = None
    created: datetime.datetime
    modified: datetime.datetime
    created_by: PydanticTaskCreatedBy | None


class PydanticSpec(pydantic.BaseModel):
    region: str
    replicas: int | None = None
    options: dict[str, Any] | None = None


class PydanticCreator(pydantic.BaseModel):
    id: uuid.UUID
    email: str


class PydanticResource(pydantic.BaseModel):
    """One resource of the synthetic large schema, written by hand with pydantic."""

    model_config = pydantic.ConfigDict(extra="allow")

    id: uuid.UUID
    name: str
    status: str
    spec: PydanticSpec
    created_by: PydanticCreator | None
    labels: list[str] | None = None
    metadata: Any = None
    size: int | None = None
    started_at: datetime.datetime | None
    created: datetime.datetime
    modified: datetime.datetime


TASK_BODY = {
    "id": "3f0b8c52-5a41-4e0e-9a43-1f6f2f4f7c11",
    "instance_id": "8d4e2b9a-0c1f-4d8e-b7a2-6c5e9f0a1b2c",
    "instance": {"id": "8d4e2b9a-0c1f-4d8e-b7a2-6c5e9f0a1b2c", "name": "web-01"},
    "task_type": "resize_vps",
    "status": "running",
    "parameters": {"plan": "vps-4", "disk_gb": 80},
    "result": None,
    "started_at": "2026-11-30T09:15:02.481Z",
    "completed_at": None,
    "retry_count": 0,
    "max_retries": 3,
    "created": "2026-11-30T09:15:00Z",
    "modified": "2026-11-30T09:15:02.481+00:00",
    "created_by": {
        "id": "b1d2c3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
        "email": "operator@example.com",
        "first_name": "Ada",
        "last_name": "Example",
    },
}

RESOURCE_BODY = {
    "id": "3f0b8c52-5a41-4e0e-9a43-1f6f2f4f7c11",
    "name": "web-01",
    "status": "active",
    "spec": {"region": "eu-west", "replicas": 2, "options": {"tier": "fast"}},
    "created_by": {"id": "b1d2c3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", "email": "ops@example.com"},
    "labels": ["web", "prod"],
    "metadata": {"owner": "team-a"},
    "size": 80,
    "started_at": "2026-11-30T09:15:02.481Z",
    "created": "2026-11-30T09:15:00Z",
    "modified": "2026-11-30T09:15:02.481+00:00",
}


def measure_parsing(label: str, package_dir: Path, model_name: str, repeat: int) -> list[Row]:
    """Microseconds per body: the generated model, pydantic and json.loads alone.

    Runs in its own interpreter, so packages of the same name from two schemas do not meet.
    """
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.parsing", str(package_dir), model_name, str(repeat)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout)
    return [
        Row("parse body to model", label, figures["ours"], "pydantic model_validate_json",
            figures["pydantic"], "µs", 2.0),
        Row("parse body to model", label, figures["ours"], "json.loads alone",
            figures["json_loads"], "µs", None),
    ]  # fmt: skip


def _time_parsers(package_dir: Path, model_name: str, repeat: int) -> dict[str, float]:
    sys.path.insert(0, str(package_dir.parent))
    models = importlib.import_module(f"{package_dir.name}.models")
    generated_model = getattr(models, model_name)
    body, pydantic_model = (
        (TASK_BODY, PydanticInstanceTask)
        if model_name == "InstanceTask"
        else (RESOURCE_BODY, PydanticResource)
    )
    raw = json.dumps(body).encode()
    generated_model.from_dict(json.loads(raw))  # fails loudly if the body does not fit

    return {
        "ours": _microseconds(lambda: generated_model.from_dict(json.loads(raw)), repeat),
        "pydantic": _microseconds(lambda: pydantic_model.model_validate_json(raw), repeat),
        "json_loads": _microseconds(lambda: json.loads(raw), repeat),
    }


def _microseconds(statement: Any, repeat: int) -> float:
    timer = timeit.Timer(statement)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=repeat, number=number))
    return best / number * 1e6


if __name__ == "__main__":
    package, model, repeats = sys.argv[1:4]
    print(json.dumps(_time_parsers(Path(package), model, int(repeats))))
