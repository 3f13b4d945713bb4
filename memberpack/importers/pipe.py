"""Messages between a program and its reader process (:mod:`.isolation`): length-prefixed pickles.

Light on purpose (``struct`` and ``pickle``): the reader's process reads its first message, the
early word about its file, before it loads anything else.
"""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

EARLY = "early"   # ``(EARLY, module, function, args, limits)``: see isolation.warm_up
_HEAD = struct.Struct("<Q")


def write_message(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEAD.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise EOFError
    (size,) = _HEAD.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)
