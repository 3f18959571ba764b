"""Set-based inserts and updates of many rows in one query.

On PostgreSQL new rows are sent with one `COPY … FROM STDIN`, and updates send each
column as one array from which the rows are rebuilt server-side with `unnest`, so 500,000
rows are one statement, without Django building a model instance and a parameter per
cell (which costs more than the database's own work at that size). Elsewhere (SQLite)
they fall back to `bulk_create` / `bulk_update`. Values are given as they are stored:
foreign keys as ids, JSON fields as JSON text.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models


def _column(model: type[models.Model], name: str) -> tuple[str, str]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    db_type = field.db_type(connection)
    if isinstance(field, models.ForeignKey):
        target: Any = field.target_field
        db_type = target.rel_db_type(connection)
    return connection.ops.quote_name(field.column), f"%b::{db_type}[]"


def _python_rows(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        values = {}
        for name, value in zip(fields, row, strict=True):
            field = model._meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                values[field.attname] = value
            elif isinstance(field, models.JSONField) and isinstance(value, str):
                values[name] = json.loads(value)
            else:
                values[name] = value
        out.append(values)
    return out


def _execute(sql: str, arrays: list[list[Any]] | None, rows: Sequence[Sequence[Any]] = ()) -> None:
    """Run on the raw psycopg connection (inside Django's transaction): with server-side,
    binary parameters (`arrays`), since Django's client-side binding would quote every
    array element in Python, which costs seconds for a few hundred thousand rows; or, for a
    `COPY … FROM STDIN`, sending `rows`."""
    import time

    import psycopg

    connection.ensure_connection()

    def run(sql: str, params: Any, many: bool, context: dict[str, Any]) -> None:
        with psycopg.Cursor(connection.connection) as cursor:
            if params is not None:
                cursor.execute(sql, params, binary=True)
                return
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)

    # Through the connection's execute wrappers, as Django's own cursor would go, so
    # that whatever watches the queries (counters, instrumentation) sees this one too.
    executor: Any = run
    for wrapper in reversed(connection.execute_wrappers):
        executor = functools.partial(wrapper, executor)
    started = time.monotonic()
    executor(sql, arrays, False, {"connection": connection, "cursor": None})
    if connection.queries_logged:  # so that query counts (tests, benchmarks) include it
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})


def insert(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT every row (one `COPY` on PostgreSQL)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**values) for values in _python_rows(model, fields, rows)], batch_size=2000
        )
        return
    # COPY: each value travels once as text (psycopg escapes it for COPY's format) and
    # the server parses it with the column's own input function; for 100,000 results it
    # took half the time of INSERT … SELECT FROM unnest(arrays). Constraints, indexes,
    # foreign keys and triggers apply as to an INSERT.
    sql = "COPY {table} ({cols}) FROM STDIN".format(
        table=connection.ops.quote_name(model._meta.db_table),
        cols=", ".join(_column(model, name)[0] for name in fields),
    )
    _execute(sql, None, rows)


def update(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """UPDATE rows by primary key: each row is (pk, *values of `fields`)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objects = []
        for row in rows:
            obj = model(pk=row[0])
            for name, value in _python_rows(model, fields, [row[1:]])[0].items():
                setattr(obj, name, value)
            objects.append(obj)
        model._default_manager.bulk_update(
            objects,
            [model._meta.get_field(n).name for n in fields],
            batch_size=500,
        )
        return
    pk_column, pk_cast = _column(model, model._meta.pk.name)
    columns = [_column(model, name) for name in fields]
    aliases = [f"c{i}" for i in range(len(fields))]
    sql = (  # noqa: S608 - identifiers from model metadata, values are parameters
        "UPDATE {table} AS t SET {sets} FROM unnest({arrays}) AS v(k, {aliases}) WHERE t.{pk} = v.k"
    ).format(
        table=connection.ops.quote_name(model._meta.db_table),
        sets=", ".join(f"{c} = v.{a}" for (c, _cast), a in zip(columns, aliases, strict=True)),
        arrays=", ".join([pk_cast, *(cast for _c, cast in columns)]),
        aliases=", ".join(aliases),
        pk=pk_column,
    )
    _execute(sql, [[row[i] for row in rows] for i in range(len(fields) + 1)])


def fetch(queryset: Any) -> list[Any]:
    """The rows of a `values_list` queryset. On PostgreSQL straight from the driver, which
    already gives Decimal, date and bool: Django's per-row iteration over half a million
    rows costs more than the query. Elsewhere through Django (SQLite needs its converters)."""
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a round's rows are built. It runs
    after every few hundred new containers and walks the ones that survived, so judging
    the 500,000 choices of a 100,000-applicant round (none of its tuples in a reference
    cycle) spent a quarter of its time collecting nothing, and half of it in the steps
    that only build tuples. Reference counting still frees memory as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
