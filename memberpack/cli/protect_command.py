"""``memberpack protect PACK -o OUT.mpack [--expires YYYY-MM-DD]``: an encrypted copy for sending."""

from __future__ import annotations

from memberpack.cli.passphrase import ask_passphrase
from memberpack.store.pack import Pack
from memberpack.store.protection import Protection, parse_expiry


def register(sub) -> None:
    p = sub.add_parser("protect", help="write a copy of the pack that opens only with a passphrase",
                       description="The passphrase is read from the terminal, or from MEMBERPACK_PASSPHRASE; "
                                   "never give it as an argument. AES-256-GCM with a key from scrypt.")
    p.add_argument("pack", help="the .mpack file (a protected one opens with the same passphrase)")
    p.add_argument("-o", "--output", required=True, help="the protected copy to write (.mpack)")
    p.add_argument("--expires", metavar="YYYY-MM-DD", help="refuse to open the copy after this day")
    p.set_defaults(run=run)


def run(args) -> int:
    expires = parse_expiry(args.expires)
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        protection = Protection.new(ask_passphrase("Passphrase for the protected copy: ", confirm=True), expires)
        out = pack.protected_copy(args.output, protection)
    until = f", not to be opened after {expires:%d/%m/%Y}" if expires else ""
    print(f"wrote {out} (protected{until})")
    return 0
