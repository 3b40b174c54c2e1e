-- materialized: macro
-- comment: The shortage index of an occupation, 0 (surplus) to 1 (acute shortage): the weighted mean of four scores,
--   each 0–1 with 0.5 for "no sign either way". Ratio score: 0.5 + 0.5 · ln(demand / supply) / ln(saturation), clamped
--   (1 when there is demand and no supply, 0 when there is supply and no demand, 0.5 when there is neither); vacancy-growth and pay-growth scores: 0.5 + 0.5 · growth / saturation,
--   clamped (0.5 when unknown); official-list score: the share of the latest year's quarterly tables listing it.
--   Weights and saturations are ref.projection_parameter's shortage_* rows; core.shortage_level turns the index into
--   a level.
-- arguments: demand, supply, posting_growth, pay_growth, listed_share
core.projection_parameter('shortage_weight_ratio') * CASE
    WHEN coalesce(demand, 0) <= 0 AND coalesce(supply, 0) <= 0 THEN 0.5
    WHEN coalesce(demand, 0) <= 0 THEN 0.0
    WHEN coalesce(supply, 0) <= 0 THEN 1.0
    ELSE greatest(0.0, least(1.0, 0.5 + 0.5 * ln(demand / supply) / ln(core.projection_parameter('shortage_ratio_saturation'))))
  END
  + core.projection_parameter('shortage_weight_posting_growth')
    * greatest(0.0, least(1.0, 0.5 + 0.5 * coalesce(posting_growth, 0) / core.projection_parameter('shortage_growth_saturation')))
  + core.projection_parameter('shortage_weight_pay_growth')
    * greatest(0.0, least(1.0, 0.5 + 0.5 * coalesce(pay_growth, 0) / core.projection_parameter('shortage_growth_saturation')))
  + core.projection_parameter('shortage_weight_official_list') * coalesce(listed_share, 0)
