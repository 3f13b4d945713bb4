"""Exempt information (Local Government Act 1972, Schedule 12A) recorded per table and per note.

A table is classified by its key, so every version of it (next month's return too) carries the
same classification. Anything without a row is Public. Every change is also kept in
``classification_history`` with who made it and when.

The pack as a whole is Public or Exempt (its ``classification`` detail). Only the "Public" memberpack
writes is Public: any other value (missing, empty, "Top secret", "public ") is taken as Exempt, the
most restrictive, so a damaged or hand-edited pack never has a public version by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from memberpack.errors import PackError
from memberpack.model.annotations import now_iso
from memberpack.model.schedule_12a import PARAGRAPHS
from memberpack.model.short_text import shortened
from memberpack.store.pack import Pack

DATASET, NOTE = "dataset", "note"
PUBLIC_PACK, EXEMPT_PACK = "Public", "Exempt"
PACK_CLASSIFICATIONS = (PUBLIC_PACK, EXEMPT_PACK)
SHOWN_CLASSIFICATION = 40   # characters of an unknown classification quoted back
MAX_REASON = 1_000   # characters: a reason is a phrase printed beside the paragraph, not a document


@dataclass(frozen=True, slots=True)
class Exemption:
    """An exempt table or note: its Schedule 12A paragraph, why, and who said so when."""

    paragraph: int
    reason: str = ""
    set_by: str = ""
    set_at: str = ""

    def text(self) -> str:
        return f"Exempt, paragraph {self.paragraph}" + (f" ({self.reason})" if self.reason else "")


def pack_classification(meta: Mapping[str, str]) -> str:
    """The whole pack's classification: Public only when the pack says exactly that, else Exempt."""
    return PUBLIC_PACK if meta.get("classification") == PUBLIC_PACK else EXEMPT_PACK


def unknown_classification(meta: Mapping[str, str]) -> str | None:
    """What is wrong with the pack's classification when it is neither Public nor Exempt as memberpack
    writes them ("is 'Top secret', neither Public nor Exempt", "is not set"), else None."""
    stored = meta.get("classification")
    if stored in PACK_CLASSIFICATIONS:
        return None
    if not stored:
        return "is not set"
    return f"is {shortened(stored, SHOWN_CLASSIFICATION)!r}, neither Public nor Exempt"


def pack_classification_text(meta: Mapping[str, str]) -> str:
    """The pack's classification as the app shows it: "Public", "Exempt", or Exempt and why."""
    unknown = unknown_classification(meta)
    if unknown is None:
        return pack_classification(meta)
    return f"{EXEMPT_PACK} (its classification {unknown}: taken as Exempt)"


def check_paragraph(paragraph: object) -> int:
    if type(paragraph) is not int or paragraph not in PARAGRAPHS:
        raise PackError(f"exempt information needs a paragraph of Schedule 12A from 1 to 7, not {paragraph!r}")
    return paragraph


def classify(pack: Pack, target_type: str, key: str, paragraph: int | None, *, reason: str = "",
             by: str = "") -> None:
    """Make a table (by key) or a note (by uid) exempt under ``paragraph``, or Public with None."""
    if paragraph is not None:
        check_paragraph(paragraph)
    if len(reason) > MAX_REASON or len(by) > MAX_REASON:
        raise PackError(f"the reason and the name are at most {MAX_REASON:,} characters each "
                        f"(given {max(len(reason), len(by)):,}): nothing was changed")
    who, when = by or "unnamed", now_iso()
    with pack.transaction():
        if paragraph is None:
            pack.db.execute("DELETE FROM classification WHERE target_type = ? AND target_key = ?", (target_type, key))
        else:
            pack.db.execute("INSERT OR REPLACE INTO classification(target_type, target_key, paragraph, reason, "
                            "set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
                            (target_type, key, paragraph, reason, who, when))
        pack.db.execute("INSERT INTO classification_history(target_type, target_key, paragraph, reason, set_by, "
                        "set_at) VALUES (?, ?, ?, ?, ?, ?)", (target_type, key, paragraph, reason, who, when))


def last_dataset_id(pack: Pack) -> int:
    """The id of the newest dataset (0 for none): what an import adds comes after it."""
    return pack.db.execute("SELECT COALESCE(MAX(id), 0) FROM dataset").fetchone()[0]


def classify_tables_after(pack: Pack, dataset_id: int, paragraph: int, *, reason: str = "", by: str = "") -> int:
    """Make every table imported after ``dataset_id`` exempt under ``paragraph`` (an import marked
    exempt, in its own transaction); returns how many tables (keys) that was."""
    keys = [k for (k,) in pack.db.execute("SELECT DISTINCT key FROM dataset WHERE id > ?", (dataset_id,))]
    for key in keys:
        classify(pack, DATASET, key, paragraph, reason=reason, by=by)
    return len(keys)


def exemptions(pack: Pack, target_type: str) -> dict[str, Exemption]:
    """Every exempt table key (or note uid) with its exemption. One whose classification row is gone
    while its history's last change made it exempt (every change writes both: a pack edited by hand
    to make a table public) stays exempt, as the history says."""
    last = pack.db.execute("SELECT target_key, paragraph, reason, set_by, set_at, MAX(id) FROM classification_history "
                           "WHERE target_type = ? GROUP BY target_key", (target_type,))
    found = {key: Exemption(paragraph, reason, by, at) for key, paragraph, reason, by, at, _ in last
             if paragraph is not None}
    rows = pack.db.execute("SELECT target_key, paragraph, reason, set_by, set_at FROM classification "
                           "WHERE target_type = ?", (target_type,))
    return found | {key: Exemption(paragraph, reason, by, at) for key, paragraph, reason, by, at in rows}


def exemption(pack: Pack, target_type: str, key: str) -> Exemption | None:
    return exemptions(pack, target_type).get(key)


def history(pack: Pack, target_type: str, key: str) -> list[tuple[int | None, str, str, str]]:
    """(paragraph or None for Public, reason, who, when) for each change, oldest first."""
    return list(pack.db.execute("SELECT paragraph, reason, set_by, set_at FROM classification_history "
                                "WHERE target_type = ? AND target_key = ? ORDER BY id", (target_type, key)))
