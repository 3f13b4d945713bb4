"""``python -m memberpack``: the same as the ``memberpack`` command."""

from memberpack.cli.main import run

run()
