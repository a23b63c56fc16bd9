-- Trade figures by measure and period: one row per normalised measure (measure_key, see
-- rpt_trade_figures), unit and period, with the spread where articles report different
-- numbers for the same thing (2023 Russia-China trade as $240 billion and $227.8 billion).
-- Figures in different units (USD and GBP, percent and percentage points) are never mixed;
-- figures without a measure are left out. Figures without a period form their own group
-- (period null): their values may be about different years, so sources_disagree is only
-- true when the period is known.
{# A number as text: whole numbers without ".0" (240000000000, 30.4). -#}
{%- set fmt = "case when VALUE = round(VALUE) and abs(VALUE) < 1e18 then cast(cast(VALUE as bigint) as varchar) "
              ~ "else cast(VALUE as varchar) end" %}

with figures as (
    select *, coalesce(source, 'uncredited') as credited
    from {{ ref('rpt_trade_figures') }}
    where measure_key is not null
)

select
    measure_key,
    unit,
    period,
    nullif(array_to_string(list_sort(list_distinct(flatten(list(
        list_filter(string_split(coalesce(countries, ''), ','), lambda c: c <> '')
    )))), ','), '') as countries,
    cast(count(*) as integer) as reports,
    cast(count(distinct document_id) as integer) as documents,
    cast(count(distinct value) as integer) as distinct_values,
    min(value) as min_value,
    max(value) as max_value,
    max(value) - min(value) as spread,
    case when max(value) <> 0 then round(100.0 * (max(value) - min(value)) / abs(max(value)), 2) end as spread_pct,
    period is not null and count(distinct value) > 1 as sources_disagree,
    array_to_string(list_transform(list_sort(list_distinct(list(value))), lambda v: {{ fmt | replace('VALUE', 'v') }}), '; ')
        as values_list,
    array_to_string(list_transform(
        list_sort(list_distinct(list({'v': value, 's': credited, 'f': file_name}))),
        lambda x: {{ fmt | replace('VALUE', 'x.v') }} || ' (' || x.s || ', ' || x.f || ')'
    ), '; ') as values_by_source,
    string_agg(distinct credited, '; ' order by credited) as sources_list,
    string_agg(distinct raw_text, '; ' order by raw_text) as raw_texts,
    string_agg(distinct measure, '; ' order by measure) as measures_list,
    string_agg(distinct file_name, '; ' order by file_name) as documents_list
from figures
group by measure_key, unit, period
order by sources_disagree desc, period desc nulls last, measure_key, unit
