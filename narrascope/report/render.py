"""Lay a digest out as Markdown, a self-contained HTML page or a PDF; every line keeps its link.

Markdown and HTML carry their charts inside the file (PNG as a data URI, inline SVG drawn by
matplotlib with text as paths), so a digest can be forwarded as one attachment. The PDF uses
matplotlib's own DejaVu Sans, which has Cyrillic, so nothing outside the installed packages.
"""

from __future__ import annotations

import base64
import io
import re
from importlib.resources import files
from pathlib import Path

import matplotlib
from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from narrascope.report.charts import render_chart
from narrascope.report.digest import Digest, Line
from narrascope.web.i18n import translator

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Scraped text as literal Markdown: no markup, no raw HTML, no link syntax."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown(digest: Digest, base: str) -> str:
    t = translator(digest.lang)
    parts = [f"# {md_escape(digest.title)}", ""]
    for section in digest.sections:
        parts += [f"## {md_escape(section.title)}", ""]
        if section.chart is not None:
            png = base64.b64encode(render_chart(section.chart).png).decode("ascii")
            parts += [f"![{md_escape(section.chart.title)}](data:image/png;base64,{png})", ""]
        for line in section.lines:
            note = f" — {md_escape(line.note)}" if line.note else ""
            heading = f"**{md_escape(line.heading)}** " if line.heading else ""
            link = f"([{t('source_link')}]({line.url(base)}))"
            parts.append(f"- {heading}{md_escape(line.shown)}{note} {link}")
        parts.append("")
    return "\n".join(parts)


def html(digest: Digest, base: str) -> str:
    folder = str(files("narrascope.report").joinpath("templates"))
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"]))
    sections = [
        (section, Markup(render_chart(section.chart).svg) if section.chart else None)
        for section in digest.sections
    ]
    return env.get_template("report.html").render(
        digest=digest, sections=sections, base=base, t=translator(digest.lang)
    )


class DigestPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 8, f"narrascope · {self.page_no()}", align="C")


def pdf(digest: Digest, base: str) -> bytes:
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    document = DigestPdf(format="A4")
    document.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    document.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    document.set_auto_page_break(auto=True, margin=16)
    document.add_page()
    document.set_font("DejaVu", "B", 16)
    document.multi_cell(0, 8, digest.title, new_x="LMARGIN", new_y="NEXT")
    for section in digest.sections:
        document.ln(3)
        document.set_font("DejaVu", "B", 12)
        document.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        if section.chart is not None:
            image = io.BytesIO(render_chart(section.chart).png)
            document.image(image, x=document.l_margin, w=document.epw)
        for line in section.lines:
            pdf_line(document, line, base)
    return bytes(document.output())


def pdf_line(document: FPDF, line: Line, base: str) -> None:
    document.set_font("DejaVu", "", 10)
    document.set_text_color(20, 30, 40)
    document.write(5, "• ")
    if line.heading:
        document.set_font("DejaVu", "B", 10)
        document.write(5, " ".join(line.heading.split()) + " ")
        document.set_font("DejaVu", "", 10)
    document.set_text_color(31, 111, 139)
    document.write(5, " ".join(line.shown.split()), link=line.url(base))
    if line.note:
        document.set_text_color(110, 110, 110)
        document.set_font("DejaVu", "", 8)
        document.write(5, f"  {line.note}")
    document.ln(6)


def render(digest: Digest, output_format: str, base_url: str) -> bytes:
    base = base_url.rstrip("/")
    if output_format == "md":
        return markdown(digest, base).encode("utf-8")
    if output_format == "pdf":
        return pdf(digest, base)
    return html(digest, base).encode("utf-8")
