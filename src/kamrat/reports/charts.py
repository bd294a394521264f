"""Bar charts drawn on the server with pygal, as SVG that passes the page's CSP.

pygal styles its charts with a <style> element and adds tooltip machinery.
The page's Content-Security-Policy allows neither inline styles nor scripts,
so the chart is rewritten: styles become presentation attributes (which CSP
does not govern), and every <script>, <style>, style attribute and tooltip is
removed. The chart is an image to assistive technology (role="img") with a
<title> and a <desc> naming every number, and the page shows the same numbers
in a table beside it. Hidden counts are drawn as no bar with "fewer than 5"
written at the axis, so the chart shows nothing the table does not.
"""

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from .selectors import Row, Section

SVG = "http://www.w3.org/2000/svg"

INK = "#1d1d1f"
MUTED = "#4a4f55"
LINE = "#c9d1cf"
BAR = "#0b5d5b"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
WIDTH = 480
ROW_HEIGHT = 48
CHROME_HEIGHT = 50  # the value axis below the bars
FONT_SIZE = 18


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _style() -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=INK,
        foreground_strong=INK,
        foreground_subtle=LINE,
        colors=(BAR,),
        font_family=FONT,
        label_font_size=FONT_SIZE,
        major_label_font_size=FONT_SIZE,
        value_font_size=FONT_SIZE,
    )


def _pygal_svg(*, title: str, rows: Sequence[Row]) -> str:
    largest = max((row.count or 0 for row in rows), default=0)
    chart = pygal.HorizontalBar(
        js=[],
        style=_style(),
        width=WIDTH,
        height=CHROME_HEIGHT + ROW_HEIGHT * len(rows),
        # The page and the PDF show the title as a heading right above.
        title=None,
        show_legend=False,
        print_values=True,
        print_zeroes=True,
        show_y_guides=False,
        show_minor_x_labels=False,
        # Room right of the longest bar for its number.
        range=(0, max(5, math.ceil(largest * 1.25))),
        truncate_label=-1,
        disable_xml_declaration=True,
        no_prefix=True,
    )
    # pygal draws the first label at the bottom; the table reads top down.
    ordered = list(reversed(rows))
    chart.x_labels = [str(row.label) for row in ordered]
    chart.add(
        title,
        [
            {"value": 0, "formatter": lambda _value, row=row: str(row.shown)}
            if row.is_hidden
            else row.count
            for row in ordered
        ],
    )
    return chart.render(is_unicode=True)


def _strip(root: ET.Element) -> None:
    """Remove styles, scripts, tooltips and pygal's own titles and descriptions."""
    unwanted = {"style", "script", "title", "desc", "defs"}
    for parent in list(root.iter()):
        for child in list(parent):
            classes = _classes(child)
            if (
                _tag(child) in unwanted
                or "tooltip-overlay" in classes
                or ("overlay" in classes and "text-overlay" not in classes)
            ):
                parent.remove(child)
    for element in root.iter():
        for attribute in ("style", "id"):
            element.attrib.pop(attribute, None)


def _paint(root: ET.Element) -> None:
    """What pygal's stylesheet did, as attributes."""
    for parent in root.iter():
        parent_classes = _classes(parent)
        for element in parent:
            tag, classes = _tag(element), _classes(element)
            if tag == "rect" and "background" in classes:
                element.set("fill", "#ffffff")
            elif tag == "rect":
                element.set("fill", BAR)
            elif tag == "path":
                element.set("fill", "none")
                element.set("stroke", MUTED if "axis" in classes else LINE)
                element.set("stroke-width", "1")
            elif tag == "text":
                element.set("fill", INK)
                element.set("font-size", str(FONT_SIZE))
                if "value" in classes:
                    element.set("text-anchor", "start")
                elif "guides" in parent_classes:
                    element.set("fill", MUTED)
    for axis in root.iter():
        classes = _classes(axis)
        if "axis" in classes and _tag(axis) == "g":
            anchor = "end" if "y" in classes else "middle"
            for text in axis.iter(f"{{{SVG}}}text"):
                text.set("text-anchor", anchor)


def _place_values(root: ET.Element) -> None:
    """Numbers just right of their bar, not in its middle where they may not fit."""
    bars = [
        rect for rect in root.iter(f"{{{SVG}}}rect") if "reactive" in _classes(rect)
    ]
    values = [text for text in root.iter(f"{{{SVG}}}text") if "value" in _classes(text)]
    for rect, text in zip(bars, values, strict=False):
        end = float(rect.get("x", 0)) + float(rect.get("width", 0))
        text.set("x", f"{end + 6:.1f}")


def bar_chart(
    *, chart_id: str, title: str, description: str, rows: Sequence[Row]
) -> SafeString:
    """An inline SVG bar chart of `rows`, safe to put in a page or a PDF as is."""
    root = ET.fromstring(_pygal_svg(title=title, rows=rows))
    _strip(root)
    _paint(root)
    _place_values(root)
    for attribute in list(root.attrib):
        if attribute not in ("viewBox",):
            del root.attrib[attribute]
    width, height = WIDTH, CHROME_HEIGHT + ROW_HEIGHT * len(rows)
    root.set("width", str(width))
    root.set("height", str(height))
    root.set("class", "report-chart__svg")
    root.set("font-family", FONT)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("id", chart_id)
    title_element = ET.Element(f"{{{SVG}}}title", {"id": f"{chart_id}-title"})
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG}}}desc", {"id": f"{chart_id}-desc"})
    numbers = "; ".join(f"{row.label}: {row.shown}" for row in rows)
    desc_element.text = f"{description} {numbers}."
    root.insert(0, desc_element)
    root.insert(0, title_element)
    # Plain names and an explicit xmlns: ElementTree's prefixes depend on a
    # process-wide registry, and HTML parsers want the default namespace.
    for element in root.iter():
        element.tag = _tag(element)
    root.set("xmlns", SVG)
    markup = ET.tostring(root, encoding="unicode")
    return mark_safe(markup)  # ElementTree escaped every text and attribute


def section_chart(section: Section, *, prefix: str = "chart") -> SafeString:
    return bar_chart(
        chart_id=f"{prefix}-{section.key}",
        title=str(section.title),
        description=str(section.description),
        rows=section.rows,
    )
