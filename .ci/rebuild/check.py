"""Checks that the pandas and DuckDB rebuilds of the participation tables
(from the `placements` export) and of the money tables (from the
`funding_parts` export) equal `report --format json`, row by row.

    python check.py BINARY WORKDIR [DOCUMENTS...]
"""

import json
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
sys.path.insert(0, str(root / "examples" / "rebuild"))

import duckdb  # noqa: E402
import money_pandas  # noqa: E402
import participation_pandas  # noqa: E402
from decimal import Decimal  # noqa: E402

COLUMNS = [
    "held", "cancelled", "planned",
    "attendances_low", "attendances_low_exactness", "attendances_high", "attendances_high_exactness",
    "distinct_people", "distinct_people_exactness",
]


def exactness(figure: dict, end: str) -> str:
    """The exactness of one end (`low` or `high`) of a flat figure."""
    return figure.get(f"{end}_exactness", figure.get("exactness"))


def from_report(report: dict) -> dict:
    rows = {}
    for table in report["participation"]:
        for row in table["rows"]:
            # Each figure is one flat object: low, high, and `exactness` when
            # both ends share it, else `low_exactness` and `high_exactness`.
            attendances = row.get("attendances")
            people = row.get("distinct_people")
            if people is not None:
                assert people["low"] == people["high"], people
            rows[(table["dimension"], row["group"]["key"])] = (
                row["events_held"], row["events_cancelled"], row["events_planned"],
                attendances and attendances["low"], attendances and exactness(attendances, "low"),
                attendances and attendances["high"], attendances and exactness(attendances, "high"),
                people and people["low"], people and exactness(people, "low"),
            )
    return rows


def plain(value):
    """None for a missing value, an int for a number, the value otherwise."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        import pandas as pd
        if value is pd.NA:
            return None
    except ImportError:
        pass
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if hasattr(value, "item"):
        return plain(value.item())
    return value


def rows_of(frame_rows) -> dict:
    return {(row["dimension"], row["group"]): tuple(plain(row[c]) for c in COLUMNS) for row in frame_rows}


def money_from_report(report: dict) -> dict:
    # Money by funding kind is always complete; money by project, funder and
    # implementer is left out past the per-project limit ({"limit", "projects"}),
    # which a rebuild of every table cannot be checked against.
    funding = report["funding"]
    if not isinstance(funding["per_project"], list):
        sys.exit(f"the report left out the money by project past its per-project limit: {funding['per_project']}")
    rows = {}
    for row in funding["complete"] + funding["per_project"]:
        amount = row.get("amount")
        rows[(row["by"], row["key"])] = (
            row["parts"], row["parts_without_amount"],
            amount and Decimal(amount["euros"]), amount and amount.get("exactness", "exact"),
        )
    return rows


def money_rows(frame_rows) -> dict:
    def amount(value):
        value = plain(value)
        return None if value is None else Decimal(str(value))
    return {
        (row["by"], row["key"]): (
            plain(row["parts"]), plain(row["parts_without_amount"]), amount(row["amount"]), plain(row["amount_exactness"])
        )
        for row in frame_rows
    }


def compare(table: str, what: str, expected: dict, rebuilt_by: list) -> None:
    for name, rebuilt in rebuilt_by:
        if rebuilt != expected:
            for key in sorted(set(rebuilt) | set(expected)):
                if rebuilt.get(key) != expected.get(key):
                    print(f"{name}: {key}: rebuilt {rebuilt.get(key)} but the report has {expected.get(key)}")
            sys.exit(f"{name}'s rebuild of the {table} tables differs from the report on {what}")
        print(f"{name}: {len(rebuilt)} {table} rows rebuilt from the export equal the report's ({what})")


def export(binary: str, table: str, documents: list, path: pathlib.Path) -> pathlib.Path:
    with open(path, "w") as out:
        subprocess.run([binary, "export", table, "--raw-text", *documents], check=True, stdout=out)
    return path


def main() -> None:
    binary, workdir, documents = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
    what = " ".join(documents) or "the seed data"
    report = json.loads(subprocess.run([binary, "report", "--format", "json", *documents],
                                       check=True, capture_output=True, text=True).stdout)
    connection = duckdb.connect()

    placements = export(binary, "placements", documents, workdir / "placements.csv")
    by_pandas = rows_of(participation_pandas.participation(participation_pandas.read(str(placements))).to_dict("records"))
    connection.execute("SET VARIABLE placements = ?", [str(placements)])
    connection.execute((root / "examples" / "rebuild" / "participation.sql").read_text())
    frame = connection.execute("SELECT * FROM participation").fetch_df()
    frame["group"] = frame["group"].fillna("")
    by_duckdb = rows_of(frame.to_dict("records"))
    compare("participation", what, from_report(report), [("pandas", by_pandas), ("DuckDB", by_duckdb)])

    parts = export(binary, "funding_parts", documents, workdir / "funding_parts.csv")
    by_pandas = money_rows(money_pandas.money(money_pandas.read(str(parts))).to_dict("records"))
    connection.execute("SET VARIABLE funding_parts = ?", [str(parts)])
    connection.execute((root / "examples" / "rebuild" / "money.sql").read_text())
    by_duckdb = money_rows(connection.execute("SELECT * FROM money").fetch_df().to_dict("records"))
    compare("money", what, money_from_report(report), [("pandas", by_pandas), ("DuckDB", by_duckdb)])


if __name__ == "__main__":
    main()
