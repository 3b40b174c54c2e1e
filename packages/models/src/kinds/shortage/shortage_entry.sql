-- materialized: incremental
-- comment: Shortage-list rankings (缺工职业排行): rank, occupation matched to a 大典 code, period.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column publisher VARCHAR NOT NULL: Who published the ranking.
-- column period VARCHAR NOT NULL: Period of the ranking (2022Q1, 2022H1, 2022, 2022-03).
-- column rank INTEGER NOT NULL: 排位 (1 = most short).
-- column occupation_name VARCHAR NOT NULL: 职业名称 as published.
-- column occupation_code VARCHAR: 大典 2022 code: as published, or matched by exact name in ref.occupation.
-- column occupation_matched BOOLEAN NOT NULL: True when the code was given or the name matched ref.occupation; false
--  rows are reported, not dropped.
-- column region_code VARCHAR: Division of the ranking (GB/T 2260); NULL for a national list.
-- column job_seeker_ratio DOUBLE: 求人倍率 when given.
-- column source_url VARCHAR: Where the ranking was read.
-- column vacancies BIGINT: 招聘需求人数: vacancies registered in the period; NULL when the ranking does not give it (e.g. the
--  national top-10 news excerpts).
-- column job_seekers BIGINT: 求职人数: job seekers registered in the period; NULL when not given.
-- column shortfall BIGINT: 缺口数 = vacancies − job seekers (checked when all three are given); NULL when not given.
-- column previous_rank INTEGER: 上期排名: rank in the previous period; NULL when the occupation was not ranked then or the
--  table does not say.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(a.publisher) AS publisher, core.neutralise_formula(a.period) AS period,
  a.rank::INTEGER AS rank, core.neutralise_formula(a.occupation_name) AS occupation_name,
  core.neutralise_formula(coalesce(a.occupation_code, o.code)) AS occupation_code, (oc.code IS NOT NULL OR o.code IS NOT NULL) AS occupation_matched,
  core.neutralise_formula(a.region_code) AS region_code, a.job_seeker_ratio,
  core.neutralise_formula(a.source_url) AS source_url, a.vacancies::BIGINT AS vacancies, a.job_seekers::BIGINT AS job_seekers,
  a.shortfall::BIGINT AS shortfall, a.previous_rank::INTEGER AS previous_rank
FROM {{ accepted }} a
LEFT JOIN ref.occupation oc ON oc.code = a.occupation_code
LEFT JOIN core.occupation_by_name o ON o.name = CASE WHEN a.occupation_code IS NULL THEN a.occupation_name END
