"""The bundled app's entry point: the ``memberpack`` command, frozen by PyInstaller."""

import multiprocessing
import sys

from memberpack.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a child process started by the frozen app runs its task, not main()
    if sys.argv[1:2] == ["--memberpack-reader"]:   # memberpack.importers.isolation: a file's reader
        from memberpack.importers.reader_process import main as read

        sys.exit(read())
    sys.exit(main())
