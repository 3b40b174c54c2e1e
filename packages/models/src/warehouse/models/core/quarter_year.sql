-- materialized: macro
-- comment: The year of a quarterly period (2025Q3 → 2025); NULL for a period that is no quarter (2025, 2025H1, 2025-03).
--   The registration tables are read by quarter: the one test of it for the models and the publications.
-- arguments: period
CASE WHEN regexp_full_match(period, '[0-9]{4}Q[1-4]') THEN CAST(left(period, 4) AS INTEGER) END
