"""The bundled app's entry point: the ``memberpack`` command, frozen by PyInstaller."""

import multiprocessing
import sys

from memberpack.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a child process started by the frozen app runs its task, not main()
    sys.exit(main())
