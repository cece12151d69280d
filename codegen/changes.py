"""Classify how a regeneration changes the client's public surface, and what version it needs.

Every difference between the committed surface and the new one is one ``Change``:

    breaking   an operation, model or field removed or renamed; a type changed; a parameter
               that became required; a response field that became nullable or optional; a
               request field that became required; an enum value removed
    additive   a new operation, model, optional parameter, field or enum value
    cosmetic   the schema changed but the Python surface did not (descriptions and the like)

A rename shows as a removal plus an addition, so it is breaking. The verdict is the most
severe change; its semver bump is major, minor or patch.
"""

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from .surface import Surface
from .versioning import BumpKind


class Severity(IntEnum):
    COSMETIC = 1
    ADDITIVE = 2
    BREAKING = 3


SEMVER_BUMP: dict[Severity, BumpKind] = {
    Severity.BREAKING: "major",
    Severity.ADDITIVE: "minor",
    Severity.COSMETIC: "patch",
}


@dataclass(frozen=True, order=True)
class Change:
    severity: Severity
    subject: str
    description: str


def compare_surfaces(old: Surface, new: Surface, *, schema_changed: bool) -> list[Change]:
    """Every change from ``old`` to ``new``, most severe first.

    ``schema_changed`` says whether the schema itself differs; when it does and the surfaces
    do not, the result is one cosmetic change.
    """
    changes = [
        *_compare_operations(old["operations"], new["operations"]),
        *_compare_models(old["models"], new["models"]),
        *_compare_enums(old["enums"], new["enums"]),
    ]
    if not changes and schema_changed:
        changes.append(
            Change(Severity.COSMETIC, "schema", "changed without changing the Python surface")
        )
    return sorted(changes, key=lambda change: (-change.severity, change.subject))


def semver_bump(changes: list[Change]) -> BumpKind | None:
    """The bump the most severe change implies (major, minor, patch); None for no change."""
    if not changes:
        return None
    return SEMVER_BUMP[max(change.severity for change in changes)]


def changelog_markdown(changes: list[Change], *, old_version: str, schema_sha256: str) -> str:
    """A short changelog of ``changes`` with the bump they imply."""
    bump = semver_bump(changes)
    lines = [f"## Client changes (schema sha256 {schema_sha256[:12]})", ""]
    if bump is None:
        lines.append(f"No change: {old_version} stays as it is.")
        return "\n".join(lines) + "\n"

    lines.append(f"Version bump implied: **{bump}** (from {old_version}).")
    for severity in (Severity.BREAKING, Severity.ADDITIVE, Severity.COSMETIC):
        group = [change for change in changes if change.severity == severity]
        if group:
            lines += ["", f"### {severity.name.capitalize()} ({len(group)})", ""]
            lines += [f"- `{change.subject}`: {change.description}" for change in group]
    return "\n".join(lines) + "\n"


def _compare_operations(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = _added_and_removed(old, new, "operation")
    for module in sorted(old.keys() & new.keys()):
        before, after = old[module], new[module]
        old_parameters = {parameter["name"]: parameter for parameter in before["parameters"]}
        new_parameters = {parameter["name"]: parameter for parameter in after["parameters"]}
        for name in sorted(old_parameters.keys() - new_parameters.keys()):
            changes.append(_breaking(f"{module}({name})", "parameter removed or renamed"))
        for name in sorted(new_parameters.keys() - old_parameters.keys()):
            if new_parameters[name]["required"]:
                changes.append(_breaking(f"{module}({name})", "new required parameter"))
            else:
                changes.append(_additive(f"{module}({name})", "new optional parameter"))
        for name in sorted(old_parameters.keys() & new_parameters.keys()):
            changes += _compare_parameter(module, name, old_parameters[name], new_parameters[name])
        if before["request"] != after["request"]:
            changes.append(
                _breaking(module, f"request body {before['request']} -> {after['request']}")
            )
        for status in sorted(before["responses"].keys() - after["responses"].keys()):
            changes.append(_breaking(module, f"response {status} no longer documented"))
        for status in sorted(before["responses"].keys() & after["responses"].keys()):
            if before["responses"][status] != after["responses"][status]:
                changes.append(
                    _breaking(
                        module,
                        f"response {status} type {before['responses'][status]} -> "
                        f"{after['responses'][status]}",
                    )
                )
        for status in sorted(after["responses"].keys() - before["responses"].keys()):
            changes.append(_additive(module, f"response {status} documented"))
        if (before["method"], before["path"]) != (after["method"], after["path"]):
            changes.append(
                Change(
                    Severity.COSMETIC,
                    module,
                    f"now {after['method']} {after['path']} (was {before['method']} "
                    f"{before['path']}); callers are unaffected",
                )
            )
    return changes


def _compare_parameter(
    module: str, name: str, before: dict[str, Any], after: dict[str, Any]
) -> list[Change]:
    subject = f"{module}({name})"
    if not before["required"] and after["required"]:
        return [_breaking(subject, "parameter became required")]
    if before["type"] != after["type"] and before["required"] == after["required"]:
        return [_breaking(subject, f"type {before['type']} -> {after['type']}")]
    if before["required"] and not after["required"]:
        return [_additive(subject, "parameter became optional")]
    return []


def _compare_models(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = _added_and_removed(old, new, "model")
    for name in sorted(old.keys() & new.keys()):
        usage = set(new[name]["used_in"]) | set(old[name]["used_in"])
        before, after = old[name]["fields"], new[name]["fields"]
        for field in sorted(before.keys() - after.keys()):
            changes.append(_breaking(f"{name}.{field}", "field removed or renamed"))
        for field in sorted(after.keys() - before.keys()):
            if after[field]["required"] and "request" in usage:
                changes.append(_breaking(f"{name}.{field}", "new required field in a request"))
            else:
                changes.append(_additive(f"{name}.{field}", "new field"))
        for field in sorted(before.keys() & after.keys()):
            changes += _compare_field(f"{name}.{field}", usage, before[field], after[field])
    return changes


def _compare_field(
    subject: str, usage: set[str], before: dict[str, Any], after: dict[str, Any]
) -> list[Change]:
    if "response" in usage and after["nullable"] and not before["nullable"]:
        return [_breaking(subject, "response field became nullable")]
    if "response" in usage and before["required"] and not after["required"]:
        return [_breaking(subject, "response field may now be absent")]
    if "request" in usage and after["required"] and not before["required"]:
        return [_breaking(subject, "request field became required")]
    if _core_type(before["type"]) != _core_type(after["type"]):
        return [_breaking(subject, f"type {before['type']} -> {after['type']}")]
    if before["type"] != after["type"]:
        return [_additive(subject, f"type {before['type']} -> {after['type']} (looser)")]
    return []


def _compare_enums(old: dict[str, list[str]], new: dict[str, list[str]]) -> list[Change]:
    changes = _added_and_removed(old, new, "enum")
    for name in sorted(old.keys() & new.keys()):
        for value in sorted(set(old[name]) - set(new[name])):
            changes.append(_breaking(f"{name}.{value}", "enum value removed"))
        for value in sorted(set(new[name]) - set(old[name])):
            changes.append(_additive(f"{name}.{value}", "new enum value"))
    return changes


def _added_and_removed(old: dict[str, Any], new: dict[str, Any], kind: str) -> list[Change]:
    removed = [
        _breaking(name, f"{kind} removed or renamed") for name in sorted(old.keys() - new.keys())
    ]
    added = [_additive(name, f"new {kind}") for name in sorted(new.keys() - old.keys())]
    return removed + added


def _core_type(type_string: str) -> str:
    """The type without ``None`` and ``Unset``, which the rules above judge on their own."""
    return " | ".join(part for part in type_string.split(" | ") if part not in ("None", "Unset"))


def _breaking(subject: str, description: str) -> Change:
    return Change(Severity.BREAKING, subject, description)


def _additive(subject: str, description: str) -> Change:
    return Change(Severity.ADDITIVE, subject, description)
