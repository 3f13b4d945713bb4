"""The HTML briefing read back as a screen reader would meet it: every table's caption and header
cells, every chart's text alternative and figures, notes and the annex, nothing from the network;
and axe-core in headless Chromium finding no WCAG 2.2 AA violation on the demo briefing."""

from __future__ import annotations

import re

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from axe_check import available, axe_violations
from memberpack.analysis.annotation_targets import observation_target
from memberpack.cli import main
from memberpack.errors import Cancelled
from memberpack.export.html_export import export_html
from memberpack.model.annotations import QUESTION, Annotation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

VOID = {"meta", "br", "img", "input", "link", "hr", "circle", "line", "rect", "polyline", "path"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)   # elements and text, in order

    @property
    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def all(self, tag: str) -> list[Node]:
        out = [self] if self.tag == tag else []
        for c in self.elements:
            out += c.all(tag)
        return out

    def content(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else f" {c.content()} " if c.tag in ("br", "p", "td", "th", "dt", "dd", "li")
                                else c.content() for c in self.children).split())


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack[-1].tag != tag:
            self.stack.pop()
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(text: str) -> Node:
    tree = _Tree()
    tree.feed(text)
    return tree.root


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory, demo_pack_master):
    """The demo pack with a question on External Placements, exported by the command line."""
    folder = tmp_path_factory.mktemp("html")
    path = folder / "demo.mpack"
    path.write_bytes(demo_pack_master.read_bytes())
    with Pack.open(path) as pack:
        ds = next(d for d in pack.datasets() if d.source_file.startswith("01_budget_monitor_m6"))
        obs = next(o for o in pack.observations(ds.id) if o.label == "External Placements" and o.value == 38_400_000)
        annotation_store.save(pack, Annotation("Why has the External Placements budget risen to £38.4m?",
                                               observation_target(ds, obs), kind=QUESTION, author="Cllr Jane Smith",
                                               created_at="2023-12-01T10:00:00+00:00"))
    out = folder / "briefing.html"
    assert main(["export", str(path), "-o", str(out)]) == 0
    return out


def test_every_table_has_a_caption_and_header_cells(demo_html):
    root = parse(demo_html.read_text(encoding="utf-8"))
    tables = root.all("table")
    assert len(tables) > 40
    for table in tables:
        captions = table.all("caption")
        assert len(captions) == 1 and captions[0].content()
        heads = table.all("thead")[0].all("th")
        assert heads and all(th.attrs.get("scope") == "col" and th.content() for th in heads)
        for body in table.all("tbody"):
            for row in body.all("tr"):
                first = row.elements[0]
                if first.tag == "th":
                    assert first.attrs.get("scope") in ("row", "rowgroup"), first
                else:
                    assert "more rows" in first.content()   # a long table's note of rows left out
    source = next(t for t in tables if t.all("caption")[0].content().startswith("23/24 Budget Monitoring Report")
                  and "source" in t.attrs.get("class", ""))
    row = next(r for r in source.all("tr") if r.elements[0].content() == "External Placements")
    assert [c.content() for c in row.elements[1:4]] == ["38.4 [Q1]", "48.8", "10.4 [N1]"]
    assert [th.content() for th in source.all("thead")[0].all("th")][:4] == [
        "Item", "Current Budget (£m)", "Full Year Projection (£m)", "Month 6 Variance (£m)"]   # the units row's £m


def test_every_chart_has_a_text_alternative_and_its_figures_as_a_table(demo_html):
    root = parse(demo_html.read_text(encoding="utf-8"))
    ids = {n.attrs["id"]: n for tag in ("title", "desc") for n in root.all(tag) if "id" in n.attrs}
    figures = [f for f in root.all("figure")]
    assert len(figures) >= 10
    captions = [t.all("caption")[0].content() for t in root.all("table")]
    for figure in figures:
        (svg,) = figure.all("svg")
        assert svg.attrs["role"] == "img"
        title, desc = (ids[i] for i in svg.attrs["aria-labelledby"].split())
        assert title.tag == "title" and title.content() and desc.tag == "desc"
        assert "The figures are in the table below the chart." in desc.content()
        assert f"Figures of the chart: {title.content()}" in captions
    variance = next(f for f in figures if f.all("title")[0].content().startswith("Net forecast overspend of £12.4m"))
    table = next(t for t in root.all("table")
                 if t.all("caption")[0].content() == f"Figures of the chart: {variance.all('title')[0].content()}")
    rows = {r.elements[0].content(): [c.content() for c in r.elements[1:]] for r in table.all("tbody")[0].all("tr")}
    assert rows["External Placements [N1]"] == ["10.4", "A"] and rows["Fostering & Permanence"] == ["(0.7)", "(F)"]


def test_page_is_self_contained_english_with_skip_link_contents_notes_and_annex(demo_html):
    text = demo_html.read_text(encoding="utf-8")
    root = parse(text)
    (html,) = root.all("html")
    assert html.attrs["lang"] == "en-GB"
    assert not root.all("script") and not root.all("link") and not root.all("img") and "http" not in text.lower()
    ids = [n.attrs["id"] for tag in ("h1", "h2", "h3", "h4", "div", "main", "title", "desc", "section")
           for n in root.all(tag) if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    skip = root.all("a")[0]
    assert skip.attrs["href"] == "#main" and root.all("main")[0].attrs["id"] == "main"
    nav = root.all("nav")[0]
    assert [a.content() for a in nav.all("a")][:2] == ["Headline summary", "Finance"]
    assert all(a.attrs["href"][1:] in ids for a in nav.all("a"))
    annex = next(s for s in root.all("section") if s.attrs.get("aria-labelledby") == "annex")
    assert "Why has the External Placements budget risen to £38.4m?" in annex.content()
    q1 = next(a for a in annex.all("a") if a.content() == "Q1")
    note = next(d for d in root.all("div") if d.attrs.get("id") == q1.attrs["href"][1:])
    assert note.content().startswith("Q1 · Question for officers · Cllr Jane Smith · 01/12/2023 · on External Placements")
    assert "SEND Transport KPI dashboard" not in text   # the demo's private note
    assert "@media print" in text
    cover = root.all("dl")[0].content()
    assert "Meeting date Tuesday 12 December 2023" in cover and "Agenda item 7" in cover


def test_headline_lines_link_to_their_rows(demo_html):
    text = demo_html.read_text(encoding="utf-8")
    targets = re.findall(r'href="#([^"]+)"', text)
    assert set(targets) <= set(re.findall(r'id="([^"]+)"', text))        # no link goes nowhere
    row = re.search(r'<th scope="row">((?:<span id="[^"]+"></span>)+)External Placements</th>', text)
    assert row and any(f'id="{t}"' in row.group(1) for t in targets)     # a headline line opens its row
    assert "What changed since the previous period" in text and "previous import" not in text


def test_private_notes_and_some_sections_say_so(demo_pack, tmp_path):
    out = tmp_path / "b.html"
    assert main(["export", str(demo_pack), "-o", str(out), "--include-private", "--sections", "finance"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "SEND Transport KPI dashboard" in text and "Do not publish or circulate it." in text
    assert "This export holds only these sections: Finance." in text
    assert "<h2 id=\"section_social_care\"" not in text


def test_cancel_writes_nothing(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack, pytest.raises(Cancelled):
        export_html(pack, tmp_path / "c.html", cancel=lambda: True)
    assert list(tmp_path.glob("c.html*")) == []


@pytest.mark.skipif(not available() and not os.environ.get("CI"),
                    reason="needs chromium and build/axe (make test installs them: .ci/browser-check-deps.sh)")
def test_axe_finds_no_wcag_22_aa_violation_in_a_real_browser(demo_html, tmp_path):
    result = axe_violations(demo_html, tmp_path)
    assert "error" not in result
    assert result["violations"] == [] and result["passes"] > 10
