"""The annotated briefing PDF a clerk puts on the agenda, built with reportlab platypus (no Qt),
so the command line and the app's worker thread export the same file. What it prints is gathered
by :mod:`memberpack.export.briefing`, as for the HTML version."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.platypus import Paragraph

from memberpack.errors import MemberpackError
from memberpack.export.briefing import Briefing, gather
from memberpack.export.pdf_document import BriefingCanvas, BriefingDoc
from memberpack.export.pdf_front import contents, cover
from memberpack.export.pdf_headlines import headline_page
from memberpack.export.pdf_sections import annex, domain_story
from memberpack.export.pdf_styles import register_fonts, styles
from memberpack.store.pack import Pack


def _body(briefing: Briefing) -> list:
    """The story of the domain sections, in domain order."""
    body: list = []
    for section in briefing.sections:
        body += domain_story(section.key, section.title, section.tables, briefing.plan)
    return body or [Paragraph("There are no tables in this export: import the officers’ returns into the pack, or "
                              "choose other sections.", styles()["body"])]


def write_pdf(briefing: Briefing, out: str | Path, *, progress: Callable[[int, int, str], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Path:
    """Lay ``briefing`` out as a PDF at ``out`` (replaced only when complete)."""
    out = Path(out)
    register_fonts()
    story = [*cover(briefing), *contents(briefing.contents()),
             *headline_page(briefing.headlines, briefing.plan.general, briefing.pages()), *_body(briefing),
             *annex(briefing.plan)]
    tmp = out.with_name(out.name + ".part")
    doc = BriefingDoc(str(tmp), briefing, steps=len(briefing.tables) + 2, progress=progress, cancel=cancel)
    try:
        doc.build(story, canvasmaker=BriefingCanvas)
        tmp.replace(out)
    except OSError as exc:
        raise MemberpackError(f"{out}: cannot write the PDF ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out


def export_pdf(pack: Pack, out: str | Path, *, include_private: bool = False, sections: Iterable[str] | None = None,
               progress: Callable[[int, int, str], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Path:
    """Write the briefing to ``out`` (replaced only when complete); private notes only when asked for."""
    briefing = gather(pack, include_private=include_private, sections=sections, cancel=cancel)
    return write_pdf(briefing, out, progress=progress, cancel=cancel)
