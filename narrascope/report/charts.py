"""Static charts for digests (matplotlib, no screen): SVG for HTML, PNG for Markdown and PDF.
The web UI draws its charts in the browser; a digest must carry its own."""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib import rcParams
from matplotlib.figure import Figure

rcParams["svg.hashsalt"] = "narrascope"  # the same chart gives the same SVG

PALETTE = ["#1f6f8b", "#e07a1f", "#5b8c2a", "#b8336a", "#6a4c93", "#c9a227", "#2a9d8f", "#8d5524"]


@dataclass(slots=True, kw_only=True)
class ChartData:
    title: str
    labels: list[str]  # periods
    series: dict[str, list[float]]  # name → one value per label
    kind: str = "line"  # line | stacked


@dataclass(slots=True, kw_only=True)
class RenderedChart:
    title: str
    svg: str
    png: bytes


def figure_of(data: ChartData) -> Figure:
    """A Figure without pyplot: no global state, safe in a server thread."""
    fig = Figure(figsize=(8, 3.4), dpi=110)
    axes = fig.subplots()
    positions = list(range(len(data.labels)))
    bottom = [0.0] * len(positions)
    for index, (name, values) in enumerate(data.series.items()):
        colour = PALETTE[index % len(PALETTE)]
        if data.kind == "stacked":
            axes.bar(positions, values, bottom=bottom, label=name, color=colour, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        else:
            axes.plot(positions, values, label=name, color=colour, marker="o", markersize=3)
    step = max(1, len(positions) // 10)
    axes.set_xticks(positions[::step], data.labels[::step], rotation=30, ha="right", fontsize=8)
    axes.set_title(data.title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    if data.series:
        axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def render_chart(data: ChartData) -> RenderedChart:
    fig = figure_of(data)
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None})
    fig.savefig(png, format="png")
    text = svg.getvalue()
    return RenderedChart(title=data.title, svg=text[text.index("<svg") :], png=png.getvalue())
