-- materialized: macro
-- arguments: company_key, title_key, region_code, pay_min, pay_max
-- comment: The duplicate key of a posting (the clustering that uses it: packages/ingest/src/dedupe/): one
--   64-bit hash of the company and title keys the coders make, the prefecture (first four digits of the
--   GB/T 2260 code) and the monthly bounds to the nearest 100 yuan (unknown pay hashes alike). The same
--   employer hires the same title in the same city for several vacancies, and the pay tells them apart:
--   measured on the generator's key, without pay the province edition's 1,684,093 vacancies became
--   1,212,948 demand records, with it 1,706,385 (1.5 % of records merge two vacancies, 3.0 % of vacancies
--   are split). Two different keys share a hash with odds of about 1 in 10^7 over two million postings,
--   and then only merge if they are also within the date window. NULL when company, title or region is
--   unknown: too little to tell postings apart.
CASE WHEN company_key IS NOT NULL AND title_key IS NOT NULL AND region_code IS NOT NULL
  THEN hash(company_key, title_key, hash(left(region_code, 4), round(pay_min, -2), round(pay_max, -2))) END
