"""Reads back every table `export --all` wrote, with third-party readers,
and checks values and types against the JSON export:

- Parquet with pyarrow, pandas, polars and DuckDB (types as described:
  counts int64, amounts decimal(20, 2), dates date32, lists of strings);
- the CSV folder with pandas, typed from its datapackage.json;
- the workbook with openpyxl (an `about` sheet, a sheet per table, typed
  cells, a frozen header and filters);
- the report's participation and money tables rebuilt from the Parquet
  tables with DuckDB and DataFusion (examples/scale-out/), against
  `report --format json`.

    python check.py BINARY WORKDIR DOCUMENTS...
"""

import datetime
import json
import pathlib
import subprocess
import sys
from decimal import Decimal

import datafusion
import duckdb
import openpyxl
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
sys.path.insert(0, str(root / ".ci" / "rebuild"))
import check as rebuild  # noqa: E402

ARROW = {
    "integer": pa.int64(),
    "decimal": pa.decimal128(20, 2),
    "text": pa.string(),
    "partial_date": pa.string(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}


def fail(message: str) -> None:
    sys.exit(f"parquet check: {message}")


def canonical(value, kind: str):
    """A value as the JSON export writes it, in one form for every reader."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return [] if kind == "list" else None
    if kind == "list":
        if isinstance(value, str):
            return value.split(";") if value else []
        return [str(item) for item in value]
    if kind == "decimal":
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if kind == "date":
        if isinstance(value, (datetime.datetime, pd.Timestamp)):
            return value.date().isoformat()
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return bool(value)
    return str(value)


def rows(records, columns) -> list:
    return [tuple(canonical(record[name], kind) for name, kind in columns) for record in records]


def run(binary, *args) -> str:
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


def main() -> None:
    binary, work, documents = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
    for fmt in ["csv", "json", "parquet"]:
        run(binary, "export", "--all", "--format", fmt, "--raw-text", "--output", str(work / fmt), *documents)
    run(binary, "export", "--format", "xlsx", "--output", str(work / "tables.xlsx"), *documents)

    package = json.loads((work / "csv" / "datapackage.json").read_text())
    book = openpyxl.load_workbook(work / "tables.xlsx")
    if book.sheetnames[0] != "about" or "childwelfare" not in str(book["about"]["A1"].value):
        fail(f"the workbook's first sheet does not say what wrote it: {book.sheetnames}")
    duck = duckdb.connect()
    for resource in package["resources"]:
        table = resource["name"]
        columns = [(f["name"], f["childwelfare_type"]) for f in resource["schema"]["fields"]]
        expected = rows(json.loads((work / "json" / f"{table}.json").read_text()), columns)
        path = work / "parquet" / f"{table}.parquet"

        # pyarrow: the schema, then the values.
        arrow = pq.read_table(path)
        for name, kind in columns:
            if arrow.schema.field(name).type != ARROW[kind]:
                fail(f"{table}.{name} is {arrow.schema.field(name).type} in Parquet, not {ARROW[kind]}")
        readers = {"pyarrow": rows(arrow.to_pylist(), columns)}
        # pandas: nullable integers stay integers.
        frame = pd.read_parquet(path)
        for name, kind in columns:
            if kind == "integer" and str(frame[name].dtype) != "Int64":
                fail(f"pandas reads {table}.{name} as {frame[name].dtype}, not Int64")
        readers["pandas"] = rows(frame.to_dict("records"), columns)
        polars = pl.read_parquet(path)
        for name, kind in columns:
            if kind == "integer" and polars.schema[name] != pl.Int64:
                fail(f"polars reads {table}.{name} as {polars.schema[name]}, not Int64")
        readers["polars"] = rows(polars.to_dicts(), columns)
        result = duck.execute("SELECT * FROM read_parquet(?)", [str(path)])
        names = [d[0] for d in result.description]
        readers["DuckDB"] = rows([dict(zip(names, r)) for r in result.fetchall()], columns)
        # The CSV, typed from the data package.
        dtypes = {name: ("Int64" if kind == "integer" else "string") for name, kind in columns}
        csv = pd.read_csv(work / "csv" / resource["path"], dtype=dtypes, keep_default_na=False, na_values=[""])
        for name, kind in columns:
            if kind == "boolean":
                csv[name] = csv[name].map({"true": True, "false": False})
        readers["CSV + datapackage.json"] = rows(csv.to_dict("records"), columns)
        # The workbook: lists joined with "; ".
        sheet = book[table]
        header = [cell.value for cell in sheet[1]]
        if header != [name for name, _ in columns]:
            fail(f"the {table} sheet's header is {header}")
        if sheet.freeze_panes != "A2" or not sheet.auto_filter.ref:
            fail(f"the {table} sheet has no frozen header or no filters")
        records = []
        for values in sheet.iter_rows(min_row=2, values_only=True):
            record = dict(zip(header, values))
            for name, kind in columns:
                if kind == "list" and record[name]:
                    record[name] = record[name].split("; ")
                if kind == "integer" and record[name] is not None and not isinstance(record[name], int):
                    fail(f"{table}.{name} is not a number in the workbook: {record[name]!r}")
                if kind == "date" and record[name] is not None and not isinstance(record[name], datetime.datetime):
                    fail(f"{table}.{name} is not a date in the workbook: {record[name]!r}")
            records.append(record)
        readers["openpyxl"] = rows(records, columns)

        for reader, got in readers.items():
            if got != expected:
                for i, (a, b) in enumerate(zip(got, expected)):
                    if a != b:
                        fail(f"{reader}: {table} row {i + 1} is {a}, the JSON export has {b}")
                fail(f"{reader}: {table} has {len(got)} rows, the JSON export {len(expected)}")
        print(f"{table}: {len(expected)} rows, the same in {', '.join(readers)} as in the JSON export")

    # The scale-out path: the report's tables from the Parquet tables.
    what = " ".join(documents) or "the seed data"
    report = json.loads(run(binary, "report", "--format", "json", *documents))
    participation = (root / "examples" / "scale-out" / "participation.sql").read_text()
    money = (root / "examples" / "scale-out" / "money.sql").read_text()
    tables = {name: str(work / "parquet" / f"{name}.parquet") for name in ["placements", "funding_parts"]}

    for name, path in tables.items():
        duck.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    by_duckdb = duck.execute(participation).fetch_df().to_dict("records")
    money_duckdb = duck.execute(money).fetch_df().to_dict("records")

    context = datafusion.SessionContext()
    for name, path in tables.items():
        context.register_parquet(name, path)
    by_datafusion = context.sql(participation).to_arrow_table().to_pylist()
    money_datafusion = context.sql(money).to_arrow_table().to_pylist()

    rebuild.compare("participation", what, rebuild.from_report(report),
                    [("DuckDB over Parquet", rebuild.rows_of(by_duckdb)),
                     ("DataFusion over Parquet", rebuild.rows_of(by_datafusion))])
    rebuild.compare("money", what, rebuild.money_from_report(report),
                    [("DuckDB over Parquet", rebuild.money_rows(money_duckdb)),
                     ("DataFusion over Parquet", rebuild.money_rows(money_datafusion))])


if __name__ == "__main__":
    main()
