import xml.etree.ElementTree as ET

from django.test import SimpleTestCase
from django.utils import translation

from kamrat.reports.charts import SVG, bar_chart
from kamrat.reports.selectors import Row

ROWS = (
    Row(key="mode.walk", label="Walk-and-talk", count=12),
    Row(key="mode.video", label="By video", count=None, small=True),
    Row(key="mode.fika", label="Over a fika", count=None),
    Row(key="mode.odd", label='<b>"Odd" & =cmd</b>', count=7),
)


def q(tag: str) -> str:
    return f"{{{SVG}}}{tag}"


class ChartTestCase(SimpleTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def chart(self) -> ET.Element:
        svg = bar_chart(
            chart_id="chart-modes",
            title="Meetings held, by way of meeting",
            description="Meetings that were kept.",
            rows=ROWS,
        )
        return ET.fromstring(svg)

    def test_it_is_an_image_with_a_title_and_a_description_naming_each_number(
        self,
    ) -> None:
        root = self.chart()
        self.assertEqual(root.get("role"), "img")
        labelled_by = root.get("aria-labelledby").split()
        self.assertEqual(labelled_by, ["chart-modes-title", "chart-modes-desc"])
        title, desc = list(root)[:2]
        self.assertEqual((title.tag, title.get("id")), (q("title"), labelled_by[0]))
        self.assertEqual((desc.tag, desc.get("id")), (q("desc"), labelled_by[1]))
        self.assertEqual(title.text, "Meetings held, by way of meeting")
        self.assertIn("Walk-and-talk: 12", desc.text)
        self.assertIn("By video: fewer than 5", desc.text)
        self.assertIn("Over a fika: not shown", desc.text)
        # pygal's own titles and descriptions would be read out as noise.
        self.assertEqual(len(list(root.iter(q("title")))), 1)
        self.assertEqual(len(list(root.iter(q("desc")))), 1)

    def test_it_holds_nothing_the_csp_blocks_and_no_script(self) -> None:
        root = self.chart()
        for element in root.iter():
            self.assertNotIn(element.tag, (q("script"), q("style"), q("foreignObject")))
            self.assertNotIn("style", element.attrib)
            self.assertFalse([a for a in element.attrib if a.lower().startswith("on")])
        self.assertNotIn("href", "".join(a for e in root.iter() for a in e.attrib))

    def test_it_is_plain_svg_markup_for_an_html_page(self) -> None:
        svg = bar_chart(chart_id="c", title="t", description="d", rows=ROWS)
        self.assertTrue(svg.startswith("<svg "))
        self.assertIn('xmlns="http://www.w3.org/2000/svg"', svg)
        self.assertNotIn("ns0:", svg)

    def test_it_shrinks_to_its_container(self) -> None:
        root = self.chart()
        self.assertTrue(root.get("viewBox"))
        self.assertEqual(root.get("class"), "report-chart__svg")

    def test_hidden_counts_have_no_bar_only_words(self) -> None:
        root = self.chart()
        bars = [r for r in root.iter(q("rect")) if "reactive" in r.get("class", "")]
        widths = sorted(float(r.get("width", 0)) for r in bars)
        self.assertEqual(widths[:2], [0.0, 0.0])
        self.assertTrue(all(w > 0 for w in widths[2:]))
        values = [t.text for t in root.iter(q("text")) if "value" in t.get("class", "")]
        self.assertEqual(
            sorted(values), sorted(["12", "fewer than 5", "not shown", "7"])
        )

    def test_labels_are_text_not_markup(self) -> None:
        root = self.chart()
        texts = [t.text for t in root.iter(q("text"))]
        self.assertIn('<b>"Odd" & =cmd</b>', texts)
        self.assertFalse([e for e in root.iter() if e.tag.endswith("}b")])
