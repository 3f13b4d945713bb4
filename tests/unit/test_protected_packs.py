"""Protected packs: encrypted copies that open only with their passphrase, in memory."""

from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest

from memberpack.cli.main import main
from memberpack.errors import PackError
from memberpack.export.notes_file import read_notes_file
from memberpack.model.annotations import Annotation
from memberpack.model.observation import Dataset, Observation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack
from memberpack.store.protection import HEADER_SIZE, MAGIC, Protection

SECRET = "correct horse battery staple"
LABEL = "Unaccompanied asylum seekers zq7"


@pytest.fixture
def protected(tmp_path, monkeypatch):
    plain = tmp_path / "plain.mpack"
    with Pack.create(plain, committee="Scrutiny") as pack:
        pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2", key="budget"),
                         [Observation(LABEL, "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
        annotation_store.save(pack, Annotation("Shared note kx4", author="Cllr A"))
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", SECRET)
    out = tmp_path / "sent.mpack"
    assert main(["protect", str(plain), "-o", str(out)]) == 0
    return out


def test_round_trip_and_nothing_in_plain_text(protected, tmp_path):
    data = protected.read_bytes()
    assert data.startswith(MAGIC) and LABEL.encode() not in data and b"Shared note kx4" not in data
    assert b"SQLite format 3" not in data
    with Pack.open(protected, passphrase=SECRET) as pack:
        (ds,) = pack.datasets()
        assert pack.observations(ds.id)[0].label == LABEL
        annotation_store.save(pack, Annotation("Added while protected wq2-marker-7f3c"))  # sealed again on commit
    assert b"wq2-marker-7f3c" not in protected.read_bytes()   # long enough never to occur in ciphertext by chance
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.mpack", "sent.mpack"]  # no plaintext beside it
    with Pack.open(protected, passphrase=SECRET) as pack:
        assert {n.body for n in annotation_store.all_notes(pack)} == {"Shared note kx4", "Added while protected wq2-marker-7f3c"}


def test_wrong_passphrase_changes_nothing(protected, monkeypatch, capsys):
    before = protected.read_bytes()
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", "wrong")
    assert main(["notes", "list", str(protected)]) == 1
    err = capsys.readouterr().err
    assert "wrong passphrase" in err and err.count("\n") == 1
    assert protected.read_bytes() == before


def test_no_passphrase_and_no_terminal_is_one_line(protected, monkeypatch, capsys):
    monkeypatch.delenv("MEMBERPACK_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", None)
    assert main(["notes", "list", str(protected)]) == 1
    assert "a passphrase is needed" in capsys.readouterr().err


def test_a_flipped_byte_anywhere_is_refused(protected):
    data = protected.read_bytes()
    for offset in (0, 9, 12, HEADER_SIZE - 11, HEADER_SIZE - 1, HEADER_SIZE, len(data) // 2, len(data) - 1):
        damaged = bytearray(data)
        damaged[offset] ^= 0x01
        protected.write_bytes(bytes(damaged))
        with pytest.raises(PackError) as caught:
            Pack.open(protected, passphrase=SECRET)
        assert str(protected) in str(caught.value) and "\n" not in str(caught.value)
        assert protected.read_bytes() == bytes(damaged)


def test_a_header_asking_scrypt_for_gigabytes_is_refused_before_it_is_run(protected):
    """N = 2**20, r = 16, p = 4: 2 GB and seconds to derive a key, on any passphrase, before the tag
    could say the header had been changed."""
    import struct
    import time

    data = bytearray(protected.read_bytes())
    data[9:12] = struct.pack(">BBB", 20, 16, 4)
    protected.write_bytes(bytes(data))
    start = time.process_time()
    with pytest.raises(PackError, match="header is damaged"):
        Pack.open(protected, passphrase=SECRET)
    assert time.process_time() - start < 0.5


@pytest.mark.parametrize("expires", [b"2026-13-45", b"\xff" * 10, b"tomorrow!!"])
def test_a_header_whose_expiry_is_no_date_is_refused_in_one_line(protected, expires):
    """A header sealed by someone holding the passphrase (its tag is good) whose "do not open after"
    field is no date: the opening failed with a ValueError or a UnicodeDecodeError."""
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from memberpack.store import protection as sealing

    with Pack.open(protected, passphrase=SECRET) as pack:
        plaintext, key = pack.db.serialize(), pack.protection
    nonce = os.urandom(12)
    header = sealing._HEADER.pack(MAGIC, sealing.FORMAT_VERSION, *key.cost, key.salt, nonce, expires)
    protected.write_bytes(header + AESGCM(key.key).encrypt(nonce, plaintext, header))
    with pytest.raises(PackError, match="header is damaged") as caught:
        Pack.open(protected, passphrase=SECRET)
    assert str(protected) in str(caught.value) and "\n" not in str(caught.value)


def test_expiry(tmp_path, protected):
    with Pack.open(protected, passphrase=SECRET) as pack:
        pack.protected_copy(tmp_path / "old.mpack", Protection.new(SECRET, date.today() - timedelta(days=1)))
        pack.protected_copy(tmp_path / "today.mpack", Protection.new(SECRET, date.today()))
    with pytest.raises(PackError, match="not to be opened after"):
        Pack.open(tmp_path / "old.mpack", passphrase=SECRET)
    Pack.open(tmp_path / "today.mpack", passphrase=SECRET).close()
    assert main(["protect", str(protected), "-o", str(tmp_path / "x.mpack"), "--expires", "31/12/2025"]) == 1


def test_public_export_and_protected_notes(protected, tmp_path):
    assert main(["export", str(protected), "-o", str(tmp_path / "public.pdf")]) == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "public.pdf").pages)
    assert LABEL in text and "Shared note kx4" in text
    notes = tmp_path / "notes.json"
    assert main(["notes", "export", str(protected), str(notes)]) == 0
    assert notes.read_bytes().startswith(MAGIC) and b"kx4" not in notes.read_bytes()
    with Pack.open(protected, passphrase=SECRET) as pack:
        assert [n.body for n in read_notes_file(notes, pack.protection).notes] == ["Shared note kx4"]
    assert main(["notes", "merge", str(protected), str(notes)]) == 0



def test_a_protected_copy_that_expired_before_it_was_made_is_refused(tmp_path, protected, capsys):
    """--expires 2020-01-01 wrote a copy that nobody could ever open."""
    out = tmp_path / "x.mpack"
    past = (date.today() - timedelta(days=1)).isoformat()
    assert main(["protect", str(protected), "-o", str(out), "--expires", past]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has passed" in err and not out.exists()


def test_a_note_the_disk_refused_is_not_kept_in_memory_to_be_saved_twice(protected, monkeypatch):
    """A protected pack lives in memory and is sealed to disk after each commit: when the disk refused
    that (full, read-only, gone), the note stayed in memory, so saving it again made two copies."""
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    with Pack.open(protected, passphrase=SECRET) as pack:
        monkeypatch.setattr("memberpack.store.pack.write_bytes", full_disk)
        for _ in range(2):   # the member is told it failed, and tries again
            with pytest.raises(PackError, match="No space left"):
                with pack.transaction():
                    annotation_store.save(pack, Annotation("Why has the overspend grown?"))
        assert [n.body for n in annotation_store.all_notes(pack)] == ["Shared note kx4"]   # as on disk
        monkeypatch.undo()
        with pack.transaction():   # room again: saved once
            annotation_store.save(pack, Annotation("Why has the overspend grown?"))
    with Pack.open(protected, passphrase=SECRET) as pack:
        assert sorted(n.body for n in annotation_store.all_notes(pack)) == ["Shared note kx4", "Why has the overspend grown?"]


def test_a_protected_pack_open_twice_never_writes_over_the_other_ones_notes(protected):
    """Each opening holds the pack in memory and seals all of it to disk on a commit: the second window
    to write replaced the file, and the first window's note was gone without a word."""
    first, second = Pack.open(protected, passphrase=SECRET), Pack.open(protected, passphrase=SECRET)
    with first.transaction():
        annotation_store.save(first, Annotation("Written in the first window"))
    with pytest.raises(PackError, match="changed by another window or program since it was opened"):
        with second.transaction():
            annotation_store.save(second, Annotation("Written in the second window"))
    assert [n.body for n in annotation_store.all_notes(second)] == ["Shared note kx4"]   # as it was opened
    second.close()
    first.close()
    with Pack.open(protected, passphrase=SECRET) as again:   # opened again: the first window's note is there
        assert sorted(n.body for n in annotation_store.all_notes(again)) == ["Shared note kx4", "Written in the first window"]
        with again.transaction():
            annotation_store.save(again, Annotation("Written after opening it again"))
    with Pack.open(protected, passphrase=SECRET) as last:
        assert len(annotation_store.all_notes(last)) == 3


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files are listed in /proc on Linux")
def test_a_protected_packs_sorting_never_spills_to_a_temporary_file(tmp_path):
    """An import into a protected pack of 90,000 figures rebuilt its indexes by sorting them, and SQLite
    spilled the sort to /var/tmp (etilqs_*): the pack's labels on disk in the clear."""
    import os

    plain, sent = tmp_path / "plain.mpack", tmp_path / "sent.mpack"
    with Pack.create(plain) as pack:
        pack.add_dataset(Dataset("Staff", "s.xlsx", "1" * 64, "S", "A1:B2", key="staff"),
                         [Observation(f"Employee {i} zq-secret", f"Salary {i % 7} £", float(i), "GBP", str(i),
                                      sheet="S", cell=f"B{i + 2}") for i in range(90_000)])
        pack.protected_copy(sent, Protection.new(SECRET))
    temporary = []

    def look() -> int:
        for fd in os.listdir("/proc/self/fd"):
            try:
                if "etilqs" in os.readlink(f"/proc/self/fd/{fd}"):
                    temporary.append(fd)
            except OSError:
                pass
        return 0

    with Pack.open(sent, passphrase=SECRET) as pack:
        pack.db.set_progress_handler(look, 20_000)
        with pack.transaction(), pack.bulk_insert():   # as an import stores its tables
            pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2", key="budget"),
                             [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
    assert temporary == []


def test_a_note_on_a_protected_pack_opened_through_a_link_is_saved_in_the_pack(protected, tmp_path):
    """A note added through a link (a shortcut to a pack kept in a synced folder) was written over the
    link as a new file: the pack itself never had it, and the link no longer led to it."""
    link = tmp_path / "shortcut.mpack"
    link.symlink_to(protected)
    with Pack.open(link, passphrase=SECRET) as pack:
        annotation_store.save(pack, Annotation("Added through the link kx9", author="Cllr B"))
    assert link.is_symlink() and link.resolve() == protected.resolve()
    with Pack.open(protected, passphrase=SECRET) as pack:
        assert "Added through the link kx9" in [n.body for n in annotation_store.all_notes(pack)]
