-- materialized: macro
-- comment: The level of a shortage index (core.shortage_index): 紧缺, 较紧缺, 基本平衡 or 供大于求, at the thresholds of
--   ref.projection_parameter (shortage_threshold_acute, _tight, _balanced).
--   The index is compared to nine decimals: a weighted sum that is a threshold in exact arithmetic (0.4) may land a
--   last bit below it in doubles (0.39999999999999997).
-- arguments: shortage_index
CASE
  WHEN round(shortage_index, 9) >= core.projection_parameter('shortage_threshold_acute') THEN '紧缺'
  WHEN round(shortage_index, 9) >= core.projection_parameter('shortage_threshold_tight') THEN '较紧缺'
  WHEN round(shortage_index, 9) >= core.projection_parameter('shortage_threshold_balanced') THEN '基本平衡'
  ELSE '供大于求'
END
