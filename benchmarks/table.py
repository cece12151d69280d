"""One row per figure: what was measured against which baseline, the ratio and its target."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    schema: str
    ours: float
    baseline_name: str
    baseline: float
    unit: str
    target: float | None  # the largest acceptable ratio ours / baseline

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "-"
        return "met" if self.ratio <= self.target else "missed"


def markdown_table(rows: list[Row]) -> str:
    """The rows as a Markdown table, figures with three significant digits."""
    lines = [
        "| figure | schema | ours | baseline | baseline value | ratio | target | verdict |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        target = f"≤ {row.target:g}x" if row.target is not None else "-"
        lines.append(
            f"| {row.figure} | {row.schema} | {row.ours:.3g} {row.unit} | {row.baseline_name} "
            f"| {row.baseline:.3g} {row.unit} | {row.ratio:.2f}x | {target} | {row.verdict} |"
        )
    return "\n".join(lines) + "\n"
