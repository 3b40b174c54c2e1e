-- Reference tables of the projection stage (datasets/reference/projection) and the record of its runs.
CREATE TABLE ref.projection_parameter (
  name VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  description VARCHAR NOT NULL
);
COMMENT ON TABLE ref.projection_parameter IS 'Parameters of the talent projections: horizon, shock years, shrinkage weights, shortage-index weights and thresholds (datasets/reference/projection/parameters.csv, bureau overrides applied).';
COMMENT ON COLUMN ref.projection_parameter.name IS 'Parameter name; shock_year may appear on several rows.';
COMMENT ON COLUMN ref.projection_parameter.value IS 'Value (years, persons, shares or weights, as the description says).';
COMMENT ON COLUMN ref.projection_parameter.description IS 'What the parameter does.';

CREATE TABLE ref.separation_rate (
  major_group VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  exit_rate DOUBLE NOT NULL,
  transfer_rate DOUBLE NOT NULL,
  basis VARCHAR NOT NULL
);
COMMENT ON TABLE ref.separation_rate IS 'Annual occupational separation rates per 职业分类大典 大类: exits from the labour force and transfers to other occupations, as shares of employment. Defaults from the BLS separations method; bureaus override them.';
COMMENT ON COLUMN ref.separation_rate.major_group IS '大典 2022 大类 (first digit of the occupation code).';
COMMENT ON COLUMN ref.separation_rate.name IS '大类 name.';
COMMENT ON COLUMN ref.separation_rate.exit_rate IS 'Share of the occupation''s workers leaving the labour force each year.';
COMMENT ON COLUMN ref.separation_rate.transfer_rate IS 'Share of the occupation''s workers moving to another occupation each year.';
COMMENT ON COLUMN ref.separation_rate.basis IS 'Where the rates come from.';

CREATE TABLE ref.education_level (
  field VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  education_level VARCHAR NOT NULL,
  PRIMARY KEY (field, value)
);
COMMENT ON TABLE ref.education_level IS 'Education level of the projections (secondary, associate, bachelor, postgraduate) for each posting education requirement and each school level.';
COMMENT ON COLUMN ref.education_level.field IS 'posting_education (core.job_posting.education) or school_level (core.enrollment.school_level).';
COMMENT ON COLUMN ref.education_level.value IS 'The value of that field.';
COMMENT ON COLUMN ref.education_level.education_level IS 'secondary (中职/高中 and below), associate (大专), bachelor (本科) or postgraduate (研究生).';

CREATE TABLE ref.programme_length (
  school_level VARCHAR PRIMARY KEY,
  years INTEGER NOT NULL,
  basis VARCHAR NOT NULL
);
COMMENT ON TABLE ref.programme_length IS 'Standard programme length (学制) per school level: graduates of year t entered in year t − years.';
COMMENT ON COLUMN ref.programme_length.school_level IS 'School level as core.enrollment.school_level (中职, 高职专科, 职业本科, 本科).';
COMMENT ON COLUMN ref.programme_length.years IS 'Years from entry to graduation.';
COMMENT ON COLUMN ref.programme_length.basis IS 'The catalogue that sets the length.';

CREATE TABLE meta.projection_runs (
  run_id VARCHAR PRIMARY KEY,
  fingerprint VARCHAR NOT NULL,
  last_observed_year INTEGER NOT NULL,
  series INTEGER NOT NULL,
  seconds DOUBLE NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE meta.projection_runs IS 'One row per run whose projection stage wrote a vintage of the marts; a run whose inputs had not changed since the last vintage writes none.';
COMMENT ON COLUMN meta.projection_runs.run_id IS 'Run (meta.runs) that wrote the vintage; the marts rows carry it.';
COMMENT ON COLUMN meta.projection_runs.fingerprint IS 'Hash of everything the projection read: loads, reference lists and model checksums.';
COMMENT ON COLUMN meta.projection_runs.last_observed_year IS 'Last year of published employment; projections start the year after.';
COMMENT ON COLUMN meta.projection_runs.series IS 'Series forecast by the engine.';
COMMENT ON COLUMN meta.projection_runs.seconds IS 'Wall seconds of the stage.';
COMMENT ON COLUMN meta.projection_runs.finished_at IS 'When the vintage was committed.';

CREATE TABLE marts.industry_projection (
  run_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  framework VARCHAR,
  group_code VARCHAR,
  region_code VARCHAR NOT NULL,
  industry_code VARCHAR,
  year INTEGER NOT NULL,
  employment DOUBLE NOT NULL,
  lo80 DOUBLE,
  hi80 DOUBLE,
  lo95 DOUBLE,
  hi95 DOUBLE,
  is_forecast BOOLEAN NOT NULL,
  method VARCHAR
);
COMMENT ON TABLE marts.industry_projection IS 'The engine''s employment forecasts of every series of core.employment_series, per run (vintage), with the history they were fitted to: leaves give the projected levels, nodes the interval widths of the aggregates.';
COMMENT ON COLUMN marts.industry_projection.run_id IS 'Run that made the vintage (meta.projection_runs).';
COMMENT ON COLUMN marts.industry_projection.kind IS 'leaf (a city''s published 大类 or 门类) or node (an aggregate of core.projection_node).';
COMMENT ON COLUMN marts.industry_projection.framework IS 'Node''s framework (NULL for a leaf).';
COMMENT ON COLUMN marts.industry_projection.group_code IS 'Node''s group (NULL for a leaf).';
COMMENT ON COLUMN marts.industry_projection.region_code IS 'GB/T 2260 code of the city (leaf) or the node''s region.';
COMMENT ON COLUMN marts.industry_projection.industry_code IS 'Leaf industry code (NULL for a node).';
COMMENT ON COLUMN marts.industry_projection.year IS 'Year.';
COMMENT ON COLUMN marts.industry_projection.employment IS 'Estimated (history) or projected mean employment, persons.';
COMMENT ON COLUMN marts.industry_projection.lo80 IS 'Lower bound of the 80% prediction interval (forecast years).';
COMMENT ON COLUMN marts.industry_projection.hi80 IS 'Upper bound of the 80% prediction interval (forecast years).';
COMMENT ON COLUMN marts.industry_projection.lo95 IS 'Lower bound of the 95% prediction interval (forecast years).';
COMMENT ON COLUMN marts.industry_projection.hi95 IS 'Upper bound of the 95% prediction interval (forecast years).';
COMMENT ON COLUMN marts.industry_projection.is_forecast IS 'True for projected years.';
COMMENT ON COLUMN marts.industry_projection.method IS 'What the engine used (forecast years): auto, or a rule''s outcome such as short or constant.';
