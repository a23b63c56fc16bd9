-- Trade figures by what they measure and when: one row per measure category, pair of
-- countries (from/to as fct_trade_figures has them), kind (reported, target, forecast,
-- estimate), unit and period, with the spread where articles give different numbers for the
-- same thing (2023 Russia-China trade as $240 billion and $227.8 billion).
--
-- sources_disagree: two or more articles report values for the same reported measure and
-- period that differ by more than the tolerance (var `disagreement_tolerance_pct`, 2% of the
-- larger by default), so rounding ($240bn and $240.1bn) is not a disagreement. Only money and
-- physical quantities are compared: percentages of one category are often different measures
-- (a growth rate and a share), and forecasts and targets do not contradict reported values.
-- Figures in different units are never mixed; figures without a period form their own group.
{# A number as text: whole numbers without ".0" (240000000000, 30.4). -#}
{%- set fmt = "case when VALUE = round(VALUE) and abs(VALUE) < 1e18 then cast(cast(VALUE as bigint) as varchar) "
              ~ "else cast(VALUE as varchar) end" %}
{%- set tolerance = var('disagreement_tolerance_pct', 2) %}

with figures as (
    select *, coalesce(source, document_source, 'uncredited') as credited
    from {{ ref('rpt_trade_figures') }}
),

grouped as (
    select
        measure_category,
        from_country_code,
        to_country_code,
        figure_kind,
        unit,
        period,
        any_value(countries) as countries,
        cast(count(*) as integer) as reports,
        cast(count(distinct document_id) as integer) as documents,
        cast(count(distinct value) as integer) as distinct_values,
        min(value) as min_value,
        max(value) as max_value,
        max(value) - min(value) as spread,
        case when max(abs(value)) <> 0 then round(100.0 * (max(value) - min(value)) / max(abs(value)), 2) end
            as spread_pct,
        array_to_string(list_transform(list_sort(list_distinct(list(value))), lambda v: {{ fmt | replace('VALUE', 'v') }}), '; ')
            as values_list,
        array_to_string(list_transform(
            list_sort(list_distinct(list({'v': value, 's': credited, 'f': file_name}))),
            lambda x: {{ fmt | replace('VALUE', 'x.v') }} || ' (' || x.s || ', ' || x.f || ')'
        ), '; ') as values_by_source,
        string_agg(distinct credited, '; ' order by credited) as sources_list,
        string_agg(distinct raw_text, '; ' order by raw_text) as raw_texts,
        string_agg(distinct measure, '; ' order by measure) as measures_list,
        string_agg(distinct file_name, '; ' order by file_name) as documents_list,
        list(figure_id order by file_name, char_start) as figure_ids
    from figures
    group by measure_category, from_country_code, to_country_code, figure_kind, unit, period
)

select
    *,
    period is not null
        and figure_kind = 'reported'
        and unit not in ('percent', 'percentage points', 'basis points')
        and documents > 1
        and coalesce(spread_pct, 0) > {{ tolerance }} as sources_disagree
from grouped
order by sources_disagree desc, period desc nulls last, measure_category, countries nulls last, figure_kind, unit
