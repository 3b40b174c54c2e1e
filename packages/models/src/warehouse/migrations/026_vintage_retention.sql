-- The retention rule (--keep-vintages) drops the occupation-level rows of older vintages; the vintage
-- itself, its industry trend and its accuracy record stay, and this column says what was dropped when.
ALTER TABLE meta.projection_runs ADD COLUMN detail_dropped_at TIMESTAMPTZ;
COMMENT ON COLUMN meta.projection_runs.detail_dropped_at IS 'When the retention rule (--keep-vintages) dropped the vintage''s rows from the marts models kept for recent vintages only (fct_talent_gap, fct_occupation_shortage, projection_occupation, projection_supply); NULL while they are kept. Its industry trend (fct_industry_trend, fct_projection_accuracy) stays for every vintage.';
