"""Drop and create the PostgreSQL database of a URL (used by scripts/bench.sh and load.sh).

Only databases whose name ends in "bench" or "load" are touched: these
scripts derive such names from DATABASE_URL and never reuse the real one.
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def main(url: str) -> None:
    config = dj_database_url.parse(url)
    name = config["NAME"]
    if not name.endswith(("bench", "load")):
        raise SystemExit(f"refusing to recreate {name!r}: not a bench or load database")
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"== Created the PostgreSQL database {name}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
