"""Command line: `python -m app.cli keys create|list|revoke`.

It uses the service's settings (the same `REDACTOR_*` variables) and database.
`keys create` prints the new key once, alone on the last line of its output, so
that a script can take it with `tail -n 1`. Creating and revoking keys is
audited like the same actions through the API, with the actor `cli`.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence

from app.audit import AuditStore
from app.config import Settings
from app.db import Database
from app.keys import ApiKey, KeyRole, KeyStore
from app.redaction.errors import RedactorError
from app.schemas import KEY_NAME_PATTERN, AuditDraft, InputInfo, RequestInfo

CLI_ACTOR = "cli"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description=__doc__)
    commands = parser.add_subparsers(dest="group", required=True)
    keys = commands.add_parser("keys", help="manage API keys")
    actions = keys.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a key; prints it once, on the last line")
    create.add_argument("--role", required=True, choices=[r.value for r in KeyRole])
    create.add_argument("--name", required=True, help="who or what uses it (the audit's actor)")
    listing = actions.add_parser("list", help="list keys (never their secrets)")
    listing.add_argument("--active", action="store_true", help="only keys not revoked")
    revoke = actions.add_parser("revoke", help="revoke a key by id or name")
    revoke.add_argument("key", help="the key's id, or its name")
    return parser


def _audit(database: Database, operation: str, key: ApiKey, started: float) -> None:
    AuditStore(database).append(
        AuditDraft(
            status="completed",
            request=RequestInfo(),
            input=InputInfo(),
            duration_ms=int((time.perf_counter() - started) * 1000),
            actor=CLI_ACTOR,
            operation=operation,
            subject={"key_id": key.id, "key_name": key.name, "role": key.role.value},
        )
    )


def _row(key: ApiKey) -> str:
    state = (
        "active" if key.active else f"revoked {key.revoked_at:%Y-%m-%d %H:%M} by {key.revoked_by}"
    )
    return f"{key.id}  {key.role.value:<14}  {key.created_at:%Y-%m-%d %H:%M}  {key.name}  ({state})"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    database = Database(settings.database_url)
    started = time.perf_counter()
    try:
        database.create_all()
        store = KeyStore(database)
        if args.action == "create":
            name = args.name.strip()
            if not re.fullmatch(KEY_NAME_PATTERN, name):
                print(
                    "error: --name must be 1 to 100 letters, digits, spaces or ._@- "
                    "and start with a letter or digit",
                    file=sys.stderr,
                )
                return 2
            key, secret = store.create(name=name, role=KeyRole(args.role), created_by=CLI_ACTOR)
            _audit(database, "cli keys create", key, started)
            print(f"Created API key {key.name!r} (role {key.role.value}, id {key.id}).")
            print("It is shown this once and never again; store it now:")
            print(secret)
        elif args.action == "list":
            keys = store.all_keys(include_revoked=not args.active)
            print(f"{'id':36}  {'role':<14}  {'created':16}  name")
            for key in keys:
                print(_row(key))
        else:
            key = store.revoke(args.key, revoked_by=CLI_ACTOR)
            _audit(database, "cli keys revoke", key, started)
            print(f"Revoked API key {key.name!r} (id {key.id}).")
    except RedactorError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
