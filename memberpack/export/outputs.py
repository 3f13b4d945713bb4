"""Every way a pack leaves memberpack, chosen by the output's suffix, for the command line and the
app alike: the briefing as PDF (print) or HTML (publish first, screen readers), or JSON (data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from memberpack.analysis.output_version import PUBLIC
from memberpack.errors import MemberpackError
from memberpack.store.pack import Pack

FORMATS = {".pdf": "PDF briefing", ".html": "HTML briefing", ".json": "JSON data"}


def output_suffix(out: str | Path) -> str:
    """``.pdf``, ``.html`` (also for ``.htm``) or ``.json``; anything else is refused in one line."""
    suffix = Path(out).suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in FORMATS:
        raise MemberpackError(f"{out}: choose an output ending .pdf, .html or .json")
    return suffix


def export_to(pack: Pack, out: str | Path, *, include_private: bool = False, sections: Iterable[str] | None = None,
              version: str = PUBLIC, progress: Callable[[int, int, str], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Path:
    """Write ``pack`` to ``out`` in the format its suffix names, as the output ``version`` (public
    or full) carries it; ``sections`` for the briefings only."""
    suffix = output_suffix(out)
    pack.check_output(out, FORMATS[suffix])
    if suffix == ".json":
        if sections is not None:
            raise MemberpackError("--sections chooses the sections of a briefing; a JSON export always has every table")
        from memberpack.export.json_export import export_json  # noqa: PLC0415

        return export_json(pack, out, include_private=include_private, version=version)
    if suffix == ".pdf":
        from memberpack.export.pdf import export_pdf  # noqa: PLC0415 - reportlab only when needed

        return export_pdf(pack, out, include_private=include_private, sections=sections, version=version,
                          progress=progress, cancel=cancel)
    from memberpack.export.html_export import export_html  # noqa: PLC0415

    return export_html(pack, out, include_private=include_private, sections=sections, version=version,
                       progress=progress, cancel=cancel)
