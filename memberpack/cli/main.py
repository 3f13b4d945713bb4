"""Parsing the command line and turning errors into one line and an exit status.

Exit status: 0 done, 1 a file could not be imported or a check failed (nothing written),
2 wrong usage. Each command lives in its own module with a ``register(subparsers)`` function,
imported only when its command is run (or help lists them all): ``memberpack`` alone starts the
app without loading the import engine, the checks or numpy first.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys

from memberpack import __version__
from memberpack.cli.terminal_text import EscapingWriter, escaped
from memberpack.errors import Cancelled, MemberpackError

# command -> the module under memberpack.cli that registers it
COMMAND_MODULES = {
    "gui": "gui_command", "screenshot": "gui_command", "demo": "pack_commands", "import": "import_command",
    "export": "export_command", "check": "check_command", "notes": "notes_command",
    "authority": "compare_commands", "neighbours": "compare_commands", "compare": "compare_commands",
    "details": "details_command", "classify": "classify_command", "protect": "protect_command",
}
DEFAULT_COMMAND = "gui"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for ``command`` alone, or (None, or a command not known) for every command."""
    parser = argparse.ArgumentParser(
        prog="memberpack",
        description="Council briefing packs: import officers' spreadsheets, read and annotate them, "
                    "export the briefing PDF. With no command, opens the app on the last pack or the demo pack.")
    parser.add_argument("--version", action="version", version=f"memberpack {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else dict.fromkeys(COMMAND_MODULES.values())
    for name in modules:
        importlib.import_module(f"memberpack.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for name in ("stdout", "stderr"):   # closed when the command started (`>&-`): what it says goes nowhere
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process's life
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # before numpy loads: no linear algebra here, and
    # OpenBLAS's pool of threads costs a tenth of a second of CPU to start
    if len(argv) == 1 and argv[0].lower().endswith(".mpack"):
        argv = ["gui", argv[0]]  # a pack opened from the file manager or an email attachment
    words = [a for a in argv if not a.startswith("-")]
    asks_help = not words and any(a in ("-h", "--help") for a in argv)
    command = words[0] if words else None if asks_help else DEFAULT_COMMAND
    if command == "import" and not {"-h", "--help"} & set(argv):
        from memberpack.importers.isolation import warm_up  # noqa: PLC0415

        warm_up()   # the reader's process starts loading now, beside this one's
    parser = build_parser(command)
    args = parser.parse_args(argv if words or asks_help else [*argv, DEFAULT_COMMAND])
    stdout, sys.stdout = sys.stdout, EscapingWriter(sys.stdout)  # text from packs, printed safely
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()   # (a full disk under `> file` is found here, said in one line)
        return code
    except Cancelled as exc:
        print(f"memberpack: {escaped(str(exc), one_line=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("memberpack: cancelled; nothing was changed.", file=sys.stderr)
        return 1
    except MemberpackError as exc:
        print(f"memberpack: {escaped(str(exc), one_line=True)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:  # damage found past the checks on opening (a large pack is not quick-checked)
        from memberpack.store.write_errors import busy  # noqa: PLC0415 - only on a failure

        where = getattr(args, "pack", None) or "the pack"
        if busy(exc):   # or another memberpack's long write holding the file past the wait for it
            print(f"memberpack: {escaped(str(where), one_line=True)}: another memberpack is writing to this pack; try "
                  "again when it has finished", file=sys.stderr)
            return 1
        print(f"memberpack: {escaped(str(where), one_line=True)}: the pack is damaged ({escaped(str(exc), one_line=True)}); "
              "nothing was written; `memberpack check --integrity` lists the damage", file=sys.stderr)
        return 1
    except BrokenPipeError:  # whatever read our output (`| head`) has stopped: nothing more to say
        _stop_writing(stdout)
        return 1
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _stop_writing(stdout)
        except MemberpackError:   # said already, or the command's own error is the line to give
            _stop_writing(stdout)
        sys.stdout = stdout


def _stop_writing(stdout) -> None:
    """Point standard output at the null device, so that Python's own flush at exit raises nothing."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())


def run() -> None:
    """The ``memberpack`` command. A command that loaded no Qt ends without tearing the interpreter
    down (numpy's and SQLite's modules: 25 ms of every import, more on a busy machine), once its exit
    handlers have run (a spare reader stopped) and its output is flushed: everything it writes is
    closed by then. The app, whose window settings are saved as Qt tears down, ends as usual."""
    code = main()
    if "PySide6.QtCore" not in sys.modules:
        import atexit  # noqa: PLC0415

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)
