{#- Every row satisfies a SQL condition (like dbt_utils.expression_is_true, without pulling a
    package from the network at build time). Returns the rows that do not. -#}
{% test expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), true)
{% endtest %}
