"""Where the command line gets a protected pack's passphrase: the MEMBERPACK_PASSPHRASE environment
variable, else the terminal (never an argument, which other users can read in the process list)."""

from __future__ import annotations

import getpass
import os
import sys

from memberpack.errors import PackError

ENV = "MEMBERPACK_PASSPHRASE"


def ask_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    """The passphrase from the environment or typed at the terminal; one line when neither can be had."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise PackError(f"a passphrase is needed: type it at a terminal, or set {ENV}")
    typed = getpass.getpass(prompt)
    if confirm and getpass.getpass("The same passphrase again: ") != typed:
        raise PackError("the two passphrases differ; nothing was written")
    if not typed:
        raise PackError("the passphrase is empty; nothing was done")
    return typed
