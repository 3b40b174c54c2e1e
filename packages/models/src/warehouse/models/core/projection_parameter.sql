-- materialized: macro
-- comment: The value of one projection parameter (ref.projection_parameter); NULL when the name is unknown.
-- arguments: parameter_name
(SELECT any_value(value) FROM ref.projection_parameter WHERE name = parameter_name)
