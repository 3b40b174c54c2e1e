-- materialized: macro
-- comment: Whether a row of a quarterly shortage table (core.shortage_entry) lists the occupation among the table's shortages
--   (需求大于求职: more registered vacancies than job seekers) rather than among the surpluses that local releases list
--   beside them (求职大于需求). The one test of it for the models and the benchmark.
-- arguments: vacancies, job_seekers
vacancies > job_seekers
