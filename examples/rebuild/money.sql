-- The report's money tables rebuilt from the `funding_parts` export with a
-- plain GROUP BY (DuckDB). The rows with `counted_in_report` are the
-- contributions every money table counts (docs/counting.md, "Money"): each
-- table groups them by one column.
--
--   childwelfare export funding_parts corpus.jsonl > funding_parts.csv
--   duckdb -c "SET VARIABLE funding_parts = 'funding_parts.csv'; .read examples/rebuild/money.sql"
--
-- A sum is as exact as its least exact amount, and "at least" when some
-- part has no amount (exact or "at least" become "at least", anything else
-- "about").
CREATE OR REPLACE MACRO money_exactness(exactness, without) AS
    CASE
        WHEN bool_and(exactness = 'exact') AND without = 0 THEN 'exact'
        WHEN bool_and(exactness IN ('exact', 'at_least')) THEN 'at_least'
        WHEN bool_and(exactness IN ('exact', 'at_most')) AND without = 0 THEN 'at_most'
        ELSE 'approximate'
    END;

CREATE OR REPLACE TABLE contributions AS
SELECT project, coalesce(funder, '') AS funder, coalesce(kind, '') AS kind, coalesce(paid_by, '') AS paid_by,
       amount, amount_exactness
FROM read_csv(getvariable('funding_parts'), header = true,
    types = {'funder': 'VARCHAR', 'kind': 'VARCHAR', 'paid_by': 'VARCHAR', 'amount': 'DECIMAL(38, 2)'})
WHERE counted_in_report;

CREATE OR REPLACE TABLE money AS
WITH grouped AS (
    SELECT 'project' AS "by", project AS key, * EXCLUDE (project, funder, kind, paid_by) FROM contributions
    UNION ALL SELECT 'funder', funder, * EXCLUDE (project, funder, kind, paid_by) FROM contributions
    UNION ALL SELECT 'funding_kind', kind, * EXCLUDE (project, funder, kind, paid_by) FROM contributions
    UNION ALL SELECT 'implementer', paid_by, * EXCLUDE (project, funder, kind, paid_by) FROM contributions
)
SELECT
    "by",
    key,
    count(*) AS parts,
    count(*) - count(amount) AS parts_without_amount,
    sum(amount) AS amount,
    CASE WHEN count(amount) > 0 THEN money_exactness(amount_exactness, count(*) - count(amount)) END AS amount_exactness
FROM grouped
GROUP BY "by", key
ORDER BY "by", key;
