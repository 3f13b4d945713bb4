"""UTF-8 text under a UTF-16 byte order mark: some exports write the mark of Excel's "Unicode
Text" and then UTF-8. The codec :data:`MARKED_UTF8` reads such a file as UTF-8, leaving out the
mark (and a UTF-8 mark after it), as ``utf-8-sig`` leaves out a UTF-8 mark.
"""

from __future__ import annotations

import codecs

from memberpack.importers.safety import UTF16_BOMS

MARKED_UTF8 = "memberpack_marked_utf_8"


def mark_length(data: bytes) -> int:
    """How many bytes of marks start ``data``: a UTF-16 mark, and a UTF-8 one after it."""
    if not data.startswith(UTF16_BOMS):
        return 0
    return 5 if data[2:5] == codecs.BOM_UTF8 else 2


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)   # (bytes.decode gives a memoryview)
    skip = mark_length(data)
    text, used = codecs.utf_8_decode(data[skip:], errors, True)
    return text, used + skip


class _Decoder(codecs.BufferedIncrementalDecoder):
    """Leaves out the marks at the start (held until five bytes or the end have come), then UTF-8."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.first = 1

    def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
        if not self.first:
            return codecs.utf_8_decode(data, errors, final)
        if len(data) < 5 and not final:
            return "", 0
        self.first = 0
        skip = mark_length(data)
        text, used = codecs.utf_8_decode(data[skip:], errors, final)
        return text, used + skip

    def reset(self) -> None:
        super().reset()
        self.first = 1

    def getstate(self) -> tuple[bytes, int]:
        return self.buffer, self.first

    def setstate(self, state: tuple[bytes, int]) -> None:
        self.buffer, self.first = state


def _search(name: str) -> codecs.CodecInfo | None:
    if name != MARKED_UTF8:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(utf8.encode, _decode, incrementalencoder=utf8.incrementalencoder,
                            incrementaldecoder=_Decoder, name=MARKED_UTF8)


codecs.register(_search)
