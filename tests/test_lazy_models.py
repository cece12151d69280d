"""Importing the package or its models does not import every model module."""

import subprocess
import sys

from tests.conftest import REPOSITORY


def loaded_modules_after(statement: str) -> set[str]:
    probe = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPOSITORY / "generated",
        capture_output=True,
        text=True,
        check=True,
    )
    return {name for name in completed.stdout.split() if name.startswith("onetsolutions.models.")}


def test_importing_the_models_package_loads_no_model() -> None:
    assert loaded_modules_after("import onetsolutions.models") == set()


def test_a_model_loads_on_first_use_with_only_what_it_needs() -> None:
    loaded = loaded_modules_after("from onetsolutions.models import TaskInstance")

    assert loaded == {"onetsolutions.models.task_instance"}


def test_every_listed_model_is_reachable_and_unknown_names_fail_clearly() -> None:
    import pytest

    import onetsolutions.models as models

    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    assert sorted(dir(models)) == sorted(models.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        models.Nope  # noqa: B018
