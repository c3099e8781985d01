-- The report's participation tables rebuilt from the `placements` export
-- with a plain GROUP BY (DuckDB). The counting model is in the export: each
-- row says what one event adds to one group of one table
-- (docs/counting.md); this query only adds up.
--
--   childwelfare export placements corpus.jsonl > placements.csv
--   duckdb -c ".read examples/rebuild/participation.sql"
--
-- A sum of figures is as exact as its least exact part: exact + exact is
-- exact, exact or "at least" throughout is "at least", exact or "at most"
-- throughout is "at most", anything else is "about" (the table in
-- `childwelfare::figure`); rows without a figure have no exactness, and
-- bool_and passes over them. Distinct people are not added: one counted
-- figure is the row's, several make "at least" the largest.
CREATE OR REPLACE MACRO sum_exactness(exactness) AS
    CASE
        WHEN bool_and(exactness = 'exact') THEN 'exact'
        WHEN bool_and(exactness IN ('exact', 'at_least')) THEN 'at_least'
        WHEN bool_and(exactness IN ('exact', 'at_most')) THEN 'at_most'
        ELSE 'approximate'
    END;

CREATE OR REPLACE TABLE participation AS
SELECT
    dimension,
    "group",
    count(*) FILTER (WHERE status = 'held') AS held,
    count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
    count(*) FILTER (WHERE status = 'planned') AS planned,
    sum(attendances_low) AS attendances_low,
    CASE WHEN count(attendances_low) > 0 THEN sum_exactness(attendances_low_exactness) END AS attendances_low_exactness,
    sum(attendances_high) AS attendances_high,
    CASE WHEN count(attendances_high) > 0 THEN sum_exactness(attendances_high_exactness) END AS attendances_high_exactness,
    max(distinct_people) AS distinct_people,
    CASE
        WHEN count(distinct_people) = 1 THEN max(distinct_people_exactness)
        WHEN count(distinct_people) > 1 THEN 'at_least'
    END AS distinct_people_exactness
FROM read_csv(getvariable('placements'), header = true, all_varchar = false,
    types = {'group': 'VARCHAR', 'attendances_low': 'UBIGINT', 'attendances_high': 'UBIGINT', 'distinct_people': 'UBIGINT'})
GROUP BY dimension, "group"
ORDER BY dimension, "group";
