-- Trade figures one by one, with what they are (figure_kind, measure_category), the countries
-- they run between (from/to, as fct_trade_figures has them), the sentence and the article,
-- and the same figure as the article also states it in another currency (also_stated_as:
-- "$240bn (£191bn)" is one report, not two).
-- countries: the figure's countries, sorted and comma-separated ("CHN,RUS"), for pair filters.
with conversions as (
    select
        document_id,
        conversion_of_index as figure_index,
        string_agg(raw_text || ' (' || unit || ')', '; ' order by char_start) as also_stated_as
    from {{ ref('stg_raw__figures') }}
    where conversion_of_index is not null
    group by document_id, conversion_of_index
),

converted as (
    select
        left(md5(c.document_id || ':f' || cast(c.figure_index as varchar)), 16) as figure_id,
        c.also_stated_as
    from conversions as c
),

restatements as (
    -- the conversions themselves: the same report in another currency, not one of its own
    select left(md5(document_id || ':f' || cast(figure_index as varchar)), 16) as figure_id
    from {{ ref('stg_raw__figures') }}
    where conversion_of_index is not null
)

select
    f.figure_id,
    f.document_id,
    f.value,
    f.unit,
    f.raw_text,
    f.measure,
    f.figure_kind,
    f.measure_category,
    f.from_country_code,
    f.to_country_code,
    nullif(array_to_string(list_sort(list_filter([f.from_country_code, f.to_country_code], lambda c: c is not null)),
        ','), '') as countries,
    f.period,
    f.source,
    converted.also_stated_as,
    f.evidence,
    d.title as document_title,
    d.source as document_source,
    d.url as document_url,
    d.file_name,
    d.published_date,
    f.char_start,
    f.char_end
from {{ ref('fct_trade_figures') }} as f
inner join {{ ref('dim_documents') }} as d using (document_id)
left join converted using (figure_id)
where f.figure_id not in (select figure_id from restatements)
order by d.file_name, f.char_start
