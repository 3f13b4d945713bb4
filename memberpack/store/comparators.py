"""Our authority and the areas it is compared with, kept in the pack.

Our authority lives in the pack's metadata (``authority_*`` keys, so the JSON export carries it).
A statistical-neighbour list is versioned data like a dataset: each import or hand entry is a new
version with its source (file name, SHA-256, sheet, time), and the latest version is the one used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from memberpack.errors import PackError
from memberpack.model.annotations import now_iso
from memberpack.model.areas import LOCAL_AUTHORITY, Area, known_authority
from memberpack.store.pack import Pack

_META_KEYS = ("authority_name", "authority_old_code", "authority_new_code", "authority_region")
BY_HAND = "entered by hand"


@dataclass(slots=True)
class Neighbour:
    name: str
    old_code: str = ""
    new_code: str = ""
    closeness: str = ""

    def area(self) -> Area:
        return Area(LOCAL_AUTHORITY, self.name, self.old_code, self.new_code)


@dataclass(slots=True)
class NeighbourList:
    """Statistical neighbours of ``authority`` (its LA number or name) in the order given (SN1 first)."""

    authority: str
    neighbours: list[Neighbour]
    source_file: str = BY_HAND
    sha256: str = ""
    sheet: str = ""
    imported_at: str = field(default_factory=now_iso)
    version: int = 0


def set_authority(pack: Pack, area: Area) -> None:
    pack.set_meta(**dict(zip(_META_KEYS, (area.name, area.old_code, area.new_code, area.region))))


def authority(pack: Pack) -> Area | None:
    """Our authority, or None when it has not been set."""
    meta = pack.meta()
    if not meta.get("authority_name"):
        return None
    name, old_code, new_code, region = (meta.get(k, "") for k in _META_KEYS)
    return Area(LOCAL_AUTHORITY, name, old_code, new_code, region)


def save_neighbours(pack: Pack, neighbours: NeighbourList) -> int:
    """Store ``neighbours`` as the next version of its authority's list; returns the version."""
    if not neighbours.neighbours:
        raise PackError(f"{neighbours.source_file}: no statistical neighbours given for {neighbours.authority}")
    with pack.transaction():
        (latest,) = pack.db.execute("SELECT COALESCE(MAX(version), 0) FROM neighbour_list WHERE authority = ?",
                                    (neighbours.authority,)).fetchone()
        neighbours.version = latest + 1
        list_id = pack.db.execute(
            "INSERT INTO neighbour_list(authority, version, source_file, sha256, sheet, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (neighbours.authority, neighbours.version, neighbours.source_file, neighbours.sha256,
             neighbours.sheet, neighbours.imported_at)).lastrowid
        pack.db.executemany(
            "INSERT INTO neighbour(list_id, position, name, old_code, new_code, closeness) VALUES (?, ?, ?, ?, ?, ?)",
            [(list_id, i, n.name, n.old_code, n.new_code, n.closeness) for i, n in enumerate(neighbours.neighbours)])
    return neighbours.version


def neighbours(pack: Pack, authority_code: str, *, version: int | None = None) -> NeighbourList | None:
    """The latest (or the given) version of the neighbour list of ``authority_code``."""
    row = pack.db.execute(
        "SELECT id, authority, version, source_file, sha256, sheet, imported_at FROM neighbour_list "
        "WHERE authority = ? AND (? IS NULL OR version = ?) ORDER BY version DESC LIMIT 1",
        (authority_code, version, version)).fetchone()
    if row is None:
        return None
    list_id, *head = row
    members = [Neighbour(*r) for r in pack.db.execute(
        "SELECT name, old_code, new_code, closeness FROM neighbour WHERE list_id = ? ORDER BY position", (list_id,))]
    auth, ver, source, digest, sheet, imported = head
    return NeighbourList(auth, members, source, digest, sheet, imported, ver)


def our_neighbours(pack: Pack) -> NeighbourList | None:
    """The latest neighbour list of our authority, looked up by its LA number, then its name."""
    ours = authority(pack)
    if ours is None:
        return None
    for code in (ours.old_code, ours.new_code, ours.name):
        if code and (found := neighbours(pack, code)) is not None:
            return found
    return None


def known_areas(pack: Pack) -> list[Area]:
    """Every area named in imported open statistics (one per distinct name and codes)."""
    return [Area.from_key(key, label) for label, key in pack.areas()]


def lookup(areas: list[Area], code: str) -> Area | None:
    """An authority by LA number, ONS code or name, from imported statistics' ``areas`` and
    memberpack's short list (the statistics' spelling first, blanks filled from the list)."""
    found = next((a for a in areas if a.level == LOCAL_AUTHORITY and a.matches(code)), None)
    known = known_authority(code) or (known_authority(found.old_code or found.new_code) if found else None)
    if found is None or known is None:
        return found or known
    return Area(LOCAL_AUTHORITY, found.name, found.old_code or known.old_code, found.new_code or known.new_code,
                found.region or known.region)


def name_from_statistics(pack: Pack, listed: NeighbourList) -> NeighbourList:
    """``listed`` with each neighbour named and coded as the pack's imported statistics have it."""
    areas = known_areas(pack)
    for n in listed.neighbours:
        known = lookup(areas, n.old_code or n.new_code or n.name)
        if known is not None:
            n.name, n.old_code, n.new_code = known.name, known.old_code, known.new_code
    return listed
