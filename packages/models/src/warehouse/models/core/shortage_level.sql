-- materialized: macro
-- comment: The level of a shortage index (core.shortage_index): 紧缺, 较紧缺, 基本平衡 or 供大于求, at the thresholds of
--   ref.projection_parameter (shortage_threshold_acute, _tight, _balanced).
-- arguments: shortage_index
CASE
  WHEN shortage_index >= core.projection_parameter('shortage_threshold_acute') THEN '紧缺'
  WHEN shortage_index >= core.projection_parameter('shortage_threshold_tight') THEN '较紧缺'
  WHEN shortage_index >= core.projection_parameter('shortage_threshold_balanced') THEN '基本平衡'
  ELSE '供大于求'
END
