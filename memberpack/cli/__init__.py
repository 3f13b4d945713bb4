"""The ``memberpack`` command."""

from memberpack.cli.main import main

__all__ = ["main"]
