"""A committee paper's front matter, kept in the pack's details: who it is for, who wrote it, what
it asks the committee to do. The cover of the PDF and of the HTML briefing print the same lines.

Every field is plain text in the pack's ``meta``; the recommendations are a list, kept as JSON.
An unset meeting date stays unset: nothing here defaults to today.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

# (meta key, label): the order they print on the cover
PAPER_FIELDS = (
    ("council", "Council"),
    ("committee", "Committee"),
    ("agenda_item", "Agenda item"),
    ("report_title", "Report title"),
    ("author", "Author"),
    ("contact_name", "Contact officer"),
    ("contact_email", "Email"),
    ("contact_phone", "Telephone"),
    ("purpose", "Purpose"),
    ("alternative_formats", "Other formats"),
)
RECOMMENDATIONS = "recommendations"
MAX_DETAIL = 100_000   # characters in one of a pack's details (the recommendations together): a page or two
FRONT_MATTER_KEYS = tuple(k for k, _ in PAPER_FIELDS) + (RECOMMENDATIONS,)
DATE_FORMAT = "%d/%m/%Y"
# What the covers link as an email address: one @, no spaces, quotes, brackets or controls (a pack's
# contact email is text from anywhere: a quote in it had ended the PDF cover link's address)
_MAIL_ADDRESS = re.compile(r"[^\s\"'<>@:\x00-\x1f\x7f]+@[^\s\"'<>@:\x00-\x1f\x7f]+\.[^\s\"'<>@:\x00-\x1f\x7f.]+")
# English names whatever the locale (Qt sets the system's locale when the app starts)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def recommendations(meta: dict[str, str]) -> list[str]:
    """The recommendations, in order; text that is not a JSON list is one recommendation per line."""
    text = meta.get(RECOMMENDATIONS, "").strip()
    try:
        items = json.loads(text) if text.startswith("[") else text.splitlines()
    except ValueError:
        items = text.splitlines()
    return [str(i).strip() for i in items if str(i).strip()]


def recommendations_text(items: list[str]) -> str:
    """How the recommendations are kept in the pack's meta."""
    return json.dumps([i.strip() for i in items if i.strip()], ensure_ascii=False)


def meeting_date_words(text: str) -> str:
    """``12/12/2023`` as ``Tuesday 12 December 2023``; anything else (unset, or not a UK date) as written."""
    try:
        day = datetime.strptime(text.strip(), DATE_FORMAT).date()
    except ValueError:
        return text.strip()
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def mail_address(text: str) -> bool:
    """Whether ``text`` is plainly an email address, to be linked as ``mailto:`` on a cover."""
    return _MAIL_ADDRESS.fullmatch(text) is not None


def paper_lines(meta: dict[str, str]) -> list[tuple[str, str]]:
    """The front-matter fields that are set, as (label, text), in cover order."""
    return [(label, meta[key].strip()) for key, label in PAPER_FIELDS if meta.get(key, "").strip()]
