-- materialized: macro
-- arguments: t
-- comment: Spreadsheet formula neutralisation (OWASP CSV injection): text a spreadsheet would evaluate gets a
--   leading apostrophe. Formula-like: starts with = + - @ (ASCII or full width, possibly after spaces) or with a
--   tab or carriage return and is not a plain number (-5, +86, 12% stay), or holds a DDE reference app|'topic'!item
--   anywhere. Applied by the core models and core.job_posting to every stored text field; raw keeps the text as
--   read. The same rule in TypeScript (packages/models/src/csv/formula.ts) writes every CSV and XLSX export; a
--   test runs both over the same inputs.
CASE
  WHEN t IS NULL THEN NULL
  WHEN (list_contains([9, 13, 32, 43, 45, 61, 64, 160, 12288, 65291, 65293, 65309, 65312], ascii(t)) OR contains(t, '|'))
    AND ((regexp_matches(t, '^[ \x{00a0}\x{3000}]*[=+\-@\x{ff1d}\x{ff0b}\x{ff0d}\x{ff20}]|^[\t\r]')
        AND NOT regexp_full_match(t, '[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?'))
      OR regexp_matches(t, '\|[ \t]*''[^'']*''[ \t]*!'))
    THEN '''' || t
  ELSE t
END
