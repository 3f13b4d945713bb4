"""The annotated briefing PDF a clerk puts on the agenda, built with reportlab platypus (no Qt),
so the command line and the app's worker thread export the same file. What it prints is gathered
by :mod:`memberpack.export.briefing`, as for the HTML version."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import LayoutError

from memberpack.analysis.output_version import PUBLIC
from memberpack.errors import MemberpackError
from memberpack.export.briefing import Briefing, gather
from memberpack.export.read_once import halves
from memberpack.export.pdf_document import BriefingCanvas, BriefingDoc
from memberpack.export.pdf_front import contents, cover
from memberpack.export.pdf_headlines import headline_page
from memberpack.export.pdf_sections import annex, domain_story
from memberpack.export.pdf_styles import register_fonts, styles
from memberpack.model.short_text import shortened
from memberpack.store.atomic_write import atomic_write
from memberpack.store.pack import Pack


def _body(briefing: Briefing) -> list:
    """The story of the domain sections, in domain order; in a public version each exempt table
    left out is marked where it was."""
    body: list = []
    for section in briefing.sections:
        body += domain_story(section.key, section.title, section.tables, briefing.plan)
        body += [Paragraph(w.text, styles()["h3"]) for w in section.withheld]
    return body or [Paragraph("There are no tables in this export: import the officers’ returns into the pack, or "
                              "choose other sections.", styles()["body"])]


def write_pdf(briefing: Briefing, out: str | Path, *, progress: Callable[[int, int, str], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Path:
    """Lay ``briefing`` out as a PDF at ``out`` (replaced only when complete)."""
    out = Path(out)
    register_fonts()
    story = [*cover(briefing), *contents(briefing.contents()),
             *headline_page(briefing.headlines, briefing.plan.general, briefing.link), *_body(briefing),
             *annex(briefing.plan)]
    try:
        with atomic_write(out) as f:
            doc = BriefingDoc(f, briefing, steps=len(briefing.tables) + 2, progress=progress, cancel=cancel)
            doc.build(story, canvasmaker=BriefingCanvas)
    except OSError as exc:
        raise MemberpackError(f"{out}: cannot write the PDF ({exc.strerror or exc})") from None
    except LayoutError as exc:  # something too large for any page: one line, and no half-written file
        said = shortened(" ".join(str(exc).split()), 200)
        raise MemberpackError(f"{out}: the PDF could not be laid out ({said})") from None
    return out


def export_pdf(pack: Pack, out: str | Path, *, include_private: bool = False, sections: Iterable[str] | None = None,
               version: str = PUBLIC, progress: Callable[[int, int, str], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Path:
    """Write the briefing to ``out`` (replaced only when complete): the output ``version`` (public or
    full, see :mod:`memberpack.analysis.output_version`); private notes only when asked for."""
    reading, writing = halves(progress)
    briefing = gather(pack, include_private=include_private, sections=sections, version=version, progress=reading,
                      cancel=cancel)
    return write_pdf(briefing, out, progress=writing, cancel=cancel)
