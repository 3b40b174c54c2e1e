-- materialized: macro
-- comment: The value of one projection parameter (ref.projection_parameter). A name the loaded parameters lack is an error,
--   not NULL: a NULL compared or added silently takes every row down another branch of the rule that reads it. Before the
--   reference stage has loaded any parameter (a new warehouse building its models) it is NULL.
-- arguments: parameter_name
coalesce(
  (SELECT any_value(value) FROM ref.projection_parameter WHERE name = parameter_name),
  CASE WHEN EXISTS (SELECT 1 FROM ref.projection_parameter) THEN
    error('unknown projection parameter ' || parameter_name || ': add it to datasets/reference/projection/parameters.csv and run the reference stage')
  END
)
