"""``python -m memberpack``: the same as the ``memberpack`` command."""

import sys

from memberpack.cli import main

sys.exit(main())
