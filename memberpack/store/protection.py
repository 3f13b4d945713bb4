"""Protected packs: a pack encrypted with a passphrase, for sending by email or on a laptop.

The file is a small header then the pack's SQLite bytes sealed with AES-256-GCM (the
``cryptography`` package). The key is scrypt of the passphrase with a random salt; every write
has a fresh random nonce. The whole header (format version, scrypt cost, salt, nonce and the
optional "do not open after" date) is authenticated as associated data, so changing any byte of
the file, header or body, makes it fail to open, as does a wrong passphrase; the two cannot be
told apart, and are reported in one line. The plaintext exists only in memory: the pack is
deserialised into an in-memory SQLite database and sealed again when written.

    magic "MPACKENC" | version 1 | log2 N, r, p (1 byte each) | salt 16 | nonce 12 | expires 10 (YYYY-MM-DD or zeros)
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from memberpack.errors import PackError

MAGIC = b"MPACKENC"
FORMAT_VERSION = 1
_HEADER = struct.Struct(">8sBBBB16s12s10s")
HEADER_SIZE = _HEADER.size
_COST = (15, 8, 1)  # scrypt N = 2**15, r = 8, p = 1: about 0.1 s and 32 MiB per open
# scrypt's memory (128 r N bytes) a header may ask for: 8 times what memberpack writes (a crafted header
# asking N = 2**20, r = 16 had an opening take 2 GB and seconds before the passphrase was even checked)
MOST_SCRYPT_MEMORY = 256 << 20
_NO_DATE = b"\x00" * 10


def is_protected(header: bytes) -> bool:
    return header.startswith(MAGIC)


@dataclass(frozen=True)
class Protection:
    """What seals a protected pack again when it is written: its key (never the passphrase), salt
    and expiry. The key is derived once, when the pack is opened or first protected."""

    key: bytes
    salt: bytes
    cost: tuple[int, int, int]
    expires: date | None

    @classmethod
    def new(cls, passphrase: str, expires: date | None = None) -> Protection:
        if not passphrase:
            raise PackError("a protected pack needs a passphrase; an empty one was given")
        salt = os.urandom(16)
        return cls(_derive(passphrase, salt, _COST), salt, _COST, expires)

    def seal(self, plaintext: bytes) -> bytes:
        """The file's bytes: header, then the sealed pack."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 - only for protected packs

        nonce = os.urandom(12)
        expires = self.expires.isoformat().encode("ascii") if self.expires else _NO_DATE
        header = _HEADER.pack(MAGIC, FORMAT_VERSION, *self.cost, self.salt, nonce, expires)
        return header + AESGCM(self.key).encrypt(nonce, plaintext, header)


def unseal(path: Path, data: bytes, passphrase: str | None = None, *, key: Protection | None = None,
           today: date | None = None) -> tuple[bytes, Protection]:
    """The sealed bytes and what seals them again, from the passphrase or from the ``key`` of the
    pack they were sealed with (a notes file exported from it); one PackError otherwise."""
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415 - only for protected packs
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    if len(data) < HEADER_SIZE + 16:
        raise PackError(f"{path}: the protected pack is truncated")
    magic, version, log_n, r, p, salt, nonce, expires = _HEADER.unpack_from(data)
    if version > FORMAT_VERSION:
        raise PackError(f"{path}: protected by a newer memberpack (format {version}); please update memberpack")
    if version != FORMAT_VERSION or not (10 <= log_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4) \
            or 128 * r * 2 ** log_n > MOST_SCRYPT_MEMORY:
        raise PackError(f"{path}: the protected pack's header is damaged")
    until = _expiry(path, expires)
    if key is not None and key.salt == salt and key.cost == (log_n, r, p):
        secret = key.key
    elif passphrase:
        secret = _derive(passphrase, salt, (log_n, r, p))
    else:
        raise PackError(f"{path}: protected with another passphrase; nothing was opened")
    try:
        plaintext = AESGCM(secret).decrypt(nonce, data[HEADER_SIZE:], data[:HEADER_SIZE])
    except InvalidTag:
        raise PackError(f"{path}: wrong passphrase, or the file has been changed or damaged; nothing was opened") \
            from None
    if until is not None and (today or date.today()) > until:
        raise PackError(f"{path}: this protected copy was not to be opened after {until:%d/%m/%Y}; "
                        "ask the clerk for a current copy")
    return plaintext, Protection(secret, salt, (log_n, r, p), until)


def _expiry(path: Path, field: bytes) -> date | None:
    """The "do not open after" date of a header, if any; bytes that are no date are a damaged header (one
    sealed by hand with ``2026-13-45`` had the opening fail with a ValueError)."""
    if field == _NO_DATE:
        return None
    try:
        return date.fromisoformat(field.decode("ascii"))
    except ValueError:   # (a UnicodeDecodeError too)
        raise PackError(f"{path}: the protected pack's header is damaged") from None


def _derive(passphrase: str, salt: bytes, cost: tuple[int, int, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: PLC0415 - only for protected packs

    log_n, r, p = cost
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:   # bytes that are not UTF-8 (MEMBERPACK_PASSPHRASE set in another encoding)
        raise PackError("the passphrase holds characters that are not valid Unicode (bytes that are not UTF-8); "
                        "give it as UTF-8 text; nothing was done") from None
    return Scrypt(salt=salt, length=32, n=2 ** log_n, r=r, p=p).derive(secret)


def parse_expiry(text: str | None) -> date | None:
    """``--expires YYYY-MM-DD`` as a date; one line for anything else."""
    if not text:
        return None
    try:
        return future_expiry(date.fromisoformat(text), f"--expires {text}")
    except ValueError:
        raise PackError(f"--expires: {text!r} is not a date written YYYY-MM-DD") from None


def future_expiry(expires: date, named: str) -> date:
    """``expires`` if it is today or later: a copy that may not be opened after a day already past
    could never be opened by anyone, so none is written."""
    if expires < date.today():
        raise PackError(f"{named}: that day has passed, so the copy could never be opened; no copy was written")
    return expires
