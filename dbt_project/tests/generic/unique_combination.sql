{#- Rows are unique over a combination of columns (like dbt_utils.unique_combination_of_columns,
    without pulling a package from the network at build time). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
