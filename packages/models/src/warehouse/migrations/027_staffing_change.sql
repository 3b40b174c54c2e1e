-- Change factors of the staffing matrix (METHODS.md §1): how a bureau expects an occupation's share of an industry's
-- employment to move in the projected years (datasets/reference/projection/staffing_change.csv, overrides applied).
CREATE TABLE ref.staffing_change (
  industry_code VARCHAR NOT NULL,
  occupation_code VARCHAR NOT NULL,
  annual_change DOUBLE NOT NULL,
  basis VARCHAR NOT NULL,
  PRIMARY KEY (industry_code, occupation_code)
);
COMMENT ON TABLE ref.staffing_change IS 'Change factors of the staffing matrix: the yearly relative change of an occupation''s share of an industry''s employment after the last observed year, before each industry''s shares are scaled back to sum to 1. The most specific row applies (the finest occupation code, then a 大类 before its 门类 before every industry); none by default.';
COMMENT ON COLUMN ref.staffing_change.industry_code IS 'GB/T 4754 大类 or 门类, or * for every industry.';
COMMENT ON COLUMN ref.staffing_change.occupation_code IS '职业分类大典 2022 code at any level: an occupation, or every occupation below a 小类, 中类 or 大类.';
COMMENT ON COLUMN ref.staffing_change.annual_change IS 'Relative change of the share a year (0.03: 3 % a year more of the industry''s workers, compounded).';
COMMENT ON COLUMN ref.staffing_change.basis IS 'Where the factor comes from (a plan, a survey, a study).';
