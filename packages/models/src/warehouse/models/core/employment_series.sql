-- materialized: view
-- comment: The employment histories the projection stage forecasts with the engine: each city's published leaves (a
--   大类, or a 门类 the yearbook does not break down) and every aggregate node of core.projection_node, all from
--   core.division_employment and core.employment_estimate. Nodes are forecast only to size their intervals; their
--   projected levels are the sums of the leaves.
-- column kind: leaf or node.
-- column framework: Node's framework (NULL for a leaf).
-- column group_code: Node's group (NULL for a leaf).
-- column region_code: GB/T 2260 code of the city (leaf) or the node's region.
-- column industry_code: Leaf industry code (NULL for a node).
-- column year: 年末 year.
-- column employment: Estimated employed persons.
SELECT 'leaf' AS kind, NULL AS framework, NULL AS group_code, region_code, industry_code, year, employment
FROM core.employment_estimate
WHERE year >= core.projection_parameter('history_first_year')
UNION ALL
SELECT 'node', n.framework, n.group_code, n.region_code, NULL, d.year, sum(d.employment * n.weight)
FROM core.projection_node n JOIN core.division_employment d ON d.region_code = n.city_code AND d.industry_code = n.industry_code
WHERE d.year >= core.projection_parameter('history_first_year')
GROUP BY ALL
