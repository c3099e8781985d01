"""The report's participation tables rebuilt from the `placements` export
with a plain group-by (pandas). The counting model is in the export: each
row says what one event adds to one group of one table (docs/counting.md);
this script only adds up.

    childwelfare export placements corpus.jsonl > placements.csv
    python examples/rebuild/participation_pandas.py placements.csv

A sum of figures is as exact as its least exact part (the table in
`childwelfare::figure`); distinct people are not added: one counted figure
is the row's, several make "at least" the largest.
"""

import sys

import pandas as pd


def sum_exactness(values: pd.Series) -> object:
    """The exactness of a sum of figures with these exactnesses."""
    values = set(values.dropna())
    if not values:
        return None
    if values == {"exact"}:
        return "exact"
    if values <= {"exact", "at_least"}:
        return "at_least"
    if values <= {"exact", "at_most"}:
        return "at_most"
    return "approximate"


def distinct_exactness(group: pd.DataFrame) -> object:
    stated = group["distinct_people_exactness"].dropna()
    if len(stated) == 0:
        return None
    return stated.iloc[0] if len(stated) == 1 else "at_least"


def participation(placements: pd.DataFrame) -> pd.DataFrame:
    """One row per table (dimension) and group, as the report's."""
    placements = placements.astype({"group": "string"}).fillna({"group": ""})
    rows = []
    for (dimension, group), here in placements.groupby(["dimension", "group"], sort=True, dropna=False):
        rows.append(
            {
                "dimension": dimension,
                "group": group,
                "held": int((here["status"] == "held").sum()),
                "cancelled": int((here["status"] == "cancelled").sum()),
                "planned": int((here["status"] == "planned").sum()),
                "attendances_low": here["attendances_low"].sum(min_count=1),
                "attendances_low_exactness": sum_exactness(here["attendances_low_exactness"]),
                "attendances_high": here["attendances_high"].sum(min_count=1),
                "attendances_high_exactness": sum_exactness(here["attendances_high_exactness"]),
                "distinct_people": here["distinct_people"].max(),
                "distinct_people_exactness": distinct_exactness(here),
            }
        )
    return pd.DataFrame(rows)


def read(path: str) -> pd.DataFrame:
    return pd.read_csv(
        path,
        dtype={
            "group": "string",
            "attendances_low": "Int64",
            "attendances_high": "Int64",
            "distinct_people": "Int64",
        },
        keep_default_na=False,
        na_values={"attendances_low": [""], "attendances_high": [""], "distinct_people": [""],
                   "attendances_low_exactness": [""], "attendances_high_exactness": [""],
                   "distinct_people_exactness": [""]},
    )


if __name__ == "__main__":
    print(participation(read(sys.argv[1])).to_string(index=False))
