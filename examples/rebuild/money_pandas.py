"""The report's money tables rebuilt from the `funding_parts` export with a
plain group-by (pandas). The rows with `counted_in_report` are the
contributions every money table counts (docs/counting.md, "Money"): each
table groups them by one column.

    childwelfare export funding_parts corpus.jsonl > funding_parts.csv
    python examples/rebuild/money_pandas.py funding_parts.csv

A sum is as exact as its least exact amount, and "at least" when some part
has no amount.
"""

import sys
from decimal import Decimal

import pandas as pd

# The report's money tables and the export column each groups by.
TABLES = {"project": "project", "funder": "funder", "funding_kind": "kind", "implementer": "paid_by"}


def money_exactness(values: pd.Series, without: int) -> object:
    """The exactness of a sum of amounts, `without` parts lacking one."""
    values = set(values.dropna())
    if not values:
        return None
    if values == {"exact"} and without == 0:
        return "exact"
    if values <= {"exact", "at_least"}:
        return "at_least"
    if values <= {"exact", "at_most"} and without == 0:
        return "at_most"
    return "approximate"


def money(parts: pd.DataFrame) -> pd.DataFrame:
    """One row per money table (`by`) and group, as the report's."""
    counted = parts[parts["counted_in_report"]]
    rows = []
    for by, column in TABLES.items():
        for key, here in counted.groupby(column, sort=True, dropna=False):
            amounts = here["amount"].dropna()
            without = int(here["amount"].isna().sum())
            rows.append(
                {
                    "by": by,
                    "key": key,
                    "parts": len(here),
                    "parts_without_amount": without,
                    "amount": sum(amounts, Decimal(0)) if len(amounts) else None,
                    "amount_exactness": money_exactness(here["amount_exactness"], without),
                }
            )
    return pd.DataFrame(rows)


def read(path: str) -> pd.DataFrame:
    parts = pd.read_csv(
        path,
        dtype={"project": "string", "funder": "string", "kind": "string", "paid_by": "string",
               "amount": "string", "amount_exactness": "string", "counted_in_report": "string"},
        keep_default_na=False,
        na_values={"amount": [""], "amount_exactness": [""]},
    )
    parts["amount"] = parts["amount"].map(lambda a: None if pd.isna(a) else Decimal(a))
    parts["counted_in_report"] = parts["counted_in_report"] == "true"
    return parts


if __name__ == "__main__":
    print(money(read(sys.argv[1])).to_string(index=False))
