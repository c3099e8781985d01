-- The report's money tables rebuilt from the `funding_parts` Parquet table,
-- in SQL that DuckDB, Apache DataFusion and Spark SQL all run (in Spark
-- quote `by` with backticks). Register the file as the table
-- `funding_parts` first (docs/scale-out.md). The rows with
-- `counted_in_report` are the contributions every money table counts
-- (docs/counting.md, "Money"): each table groups them by one column.
--
-- A sum is as exact as its least exact amount, and "at least" when some
-- part has no amount (exact or "at least" become "at least", anything else
-- "about").
WITH contributions AS (
    SELECT project, coalesce(funder, '') AS funder, coalesce(kind, '') AS kind,
           coalesce(paid_by, '') AS paid_by, amount, amount_exactness
    FROM funding_parts
    WHERE counted_in_report
),
grouped AS (
    SELECT 'project' AS table_by, project AS key, amount, amount_exactness FROM contributions
    UNION ALL SELECT 'funder', funder, amount, amount_exactness FROM contributions
    UNION ALL SELECT 'funding_kind', kind, amount, amount_exactness FROM contributions
    UNION ALL SELECT 'implementer', paid_by, amount, amount_exactness FROM contributions
)
SELECT
    table_by AS "by",
    key,
    count(*) AS parts,
    count(*) - count(amount) AS parts_without_amount,
    sum(amount) AS amount,
    CASE
        WHEN count(amount) = 0 THEN NULL
        WHEN min(CASE WHEN amount_exactness = 'exact' THEN 1 WHEN amount_exactness IS NOT NULL THEN 0 END) = 1
             AND count(*) = count(amount) THEN 'exact'
        WHEN min(CASE WHEN amount_exactness IN ('exact', 'at_least') THEN 1 WHEN amount_exactness IS NOT NULL THEN 0 END) = 1 THEN 'at_least'
        WHEN min(CASE WHEN amount_exactness IN ('exact', 'at_most') THEN 1 WHEN amount_exactness IS NOT NULL THEN 0 END) = 1
             AND count(*) = count(amount) THEN 'at_most'
        ELSE 'approximate'
    END AS amount_exactness
FROM grouped
GROUP BY table_by, key
ORDER BY table_by, key
