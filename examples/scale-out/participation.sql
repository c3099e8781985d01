-- The report's participation tables rebuilt from the `placements` Parquet
-- table, in SQL that DuckDB, Apache DataFusion and Spark SQL all run (no
-- macros, no FILTER clause; in Spark quote `group` with backticks). Register
-- the file as the table `placements` first (docs/scale-out.md):
--
--   childwelfare export --all --format parquet --output tables/ corpus.jsonl
--
-- A sum of figures is as exact as its least exact part: exact + exact is
-- exact, exact or "at least" throughout is "at least", exact or "at most"
-- throughout is "at most", anything else is "about"; rows without a figure
-- have no exactness and do not count. Distinct people are not added: one
-- counted figure is the row's, several make "at least" the largest.
SELECT
    dimension,
    coalesce("group", '') AS "group",
    sum(CASE WHEN status = 'held' THEN 1 ELSE 0 END) AS held,
    sum(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
    sum(CASE WHEN status = 'planned' THEN 1 ELSE 0 END) AS planned,
    sum(attendances_low) AS attendances_low,
    CASE
        WHEN count(attendances_low) = 0 THEN NULL
        WHEN min(CASE WHEN attendances_low_exactness = 'exact' THEN 1 WHEN attendances_low_exactness IS NOT NULL THEN 0 END) = 1 THEN 'exact'
        WHEN min(CASE WHEN attendances_low_exactness IN ('exact', 'at_least') THEN 1 WHEN attendances_low_exactness IS NOT NULL THEN 0 END) = 1 THEN 'at_least'
        WHEN min(CASE WHEN attendances_low_exactness IN ('exact', 'at_most') THEN 1 WHEN attendances_low_exactness IS NOT NULL THEN 0 END) = 1 THEN 'at_most'
        ELSE 'approximate'
    END AS attendances_low_exactness,
    sum(attendances_high) AS attendances_high,
    CASE
        WHEN count(attendances_high) = 0 THEN NULL
        WHEN min(CASE WHEN attendances_high_exactness = 'exact' THEN 1 WHEN attendances_high_exactness IS NOT NULL THEN 0 END) = 1 THEN 'exact'
        WHEN min(CASE WHEN attendances_high_exactness IN ('exact', 'at_least') THEN 1 WHEN attendances_high_exactness IS NOT NULL THEN 0 END) = 1 THEN 'at_least'
        WHEN min(CASE WHEN attendances_high_exactness IN ('exact', 'at_most') THEN 1 WHEN attendances_high_exactness IS NOT NULL THEN 0 END) = 1 THEN 'at_most'
        ELSE 'approximate'
    END AS attendances_high_exactness,
    max(distinct_people) AS distinct_people,
    CASE
        WHEN count(distinct_people) = 1 THEN max(distinct_people_exactness)
        WHEN count(distinct_people) > 1 THEN 'at_least'
    END AS distinct_people_exactness
FROM placements
GROUP BY dimension, coalesce("group", '')
ORDER BY dimension, "group"
