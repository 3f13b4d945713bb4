"""The one way to reach files shipped in ``resources/`` and ``samples/``."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource(*parts: str) -> Path:
    """A file under ``resources/`` (fonts, icons)."""
    return Path(str(files("memberpack.resources").joinpath(*parts)))


def sample(*parts: str) -> Path:
    """A file under ``samples/`` (the example workbooks the demo pack is built from)."""
    return Path(str(files("memberpack.samples").joinpath(*parts)))
