"""Set-based seeding that follows the models: `INSERT … SELECT` whose column list comes from
the model's metadata, so that a column added later gets a value instead of breaking the seed.

A benchmark names the columns it cares about as SQL expressions over its `FROM` clause; every
other concrete column gets NULL when nullable, else the field's default when it is a plain
constant (a string, number or boolean), else a neutral value for its type (`now()`,
`current_date`, 0, false, '' or an empty JSON object). A NOT NULL foreign key that the
benchmark did not name is an error, raised before any SQL runs.

    insert_select(cursor, Person, {"nik": "'33' || lpad(g::text, 14, '0')", ...},
                  "FROM generate_series(1, %(n)s) g", {"n": 1000})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_NEUTRAL = {
    "BooleanField": "false",
    "DateTimeField": "now()",
    "DateField": "current_date",
    "TimeField": "'00:00'",
    "JSONField": "'{}'::jsonb",
    "DecimalField": "0",
    "FloatField": "0",
    "DurationField": "interval '0'",
    "UUIDField": "gen_random_uuid()",
    "BinaryField": "''::bytea",
}
_INTEGER_TYPES = {
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def _literal(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # Doubled for SQL, and "%" doubled because the statement goes through the driver's
        # parameter substitution.
        return "'" + value.replace("'", "''").replace("%", "%%") + "'"
    return None


def column_value(field: Any) -> str:
    """The SQL for a column the benchmark did not name."""
    if field.null:
        return "NULL"
    if field.is_relation:
        raise ValueError(f"{field.model.__name__}.{field.name}: a required key needs a value")
    if field.has_default() and not callable(field.default):
        literal = _literal(field.default)
        if literal is not None:
            return literal
    kind = field.get_internal_type()
    if kind in _INTEGER_TYPES:
        return "0"
    return _NEUTRAL.get(kind, "''")


def insert_select_sql(model: Any, explicit: Mapping[str, str], from_sql: str) -> str:
    """`INSERT INTO table (every column but the key) SELECT … <from_sql>`. Keys of
    `explicit` are column names (`region_id`) or field names (`region`)."""
    by_name = {}
    for name, sql in explicit.items():
        by_name[model._meta.get_field(name).column] = sql  # a field name or its attname
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in by_name:
            continue
        columns.append(field.column)
        values.append(by_name.pop(field.column, "") or column_value(field))
    if by_name:
        raise ValueError(f"{model.__name__}: no such columns {sorted(by_name)}")
    return (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} {from_sql}"
    )


def insert_select(
    cursor: Any,
    model: Any,
    explicit: Mapping[str, str],
    from_sql: str,
    params: Mapping[str, Any] | None = None,
) -> int:
    """Runs the statement of `insert_select_sql`; returns the number of rows inserted."""
    cursor.execute(insert_select_sql(model, explicit, from_sql), params or {})
    return int(cursor.rowcount)
