-- Trade figures one by one, with what they are (figure_kind, measure_category), the countries
-- they run between (from/to, as fct_trade_figures has them), the sentence and the article,
-- and the same figure as the article also states it in another currency (also_stated_as:
-- "$240bn (£191bn)" is one report, not two).
-- countries: the figure's countries, sorted and comma-separated ("CHN,RUS"), for pair filters.
with conversions as (
    -- a figure restated in another currency: figure_id is the restatement's own, of_figure_id
    -- the figure it restates (ids as fct_trade_figures makes them)
    select
        left(md5(document_id || ':f' || cast(figure_index as varchar)), 16) as figure_id,
        left(md5(document_id || ':f' || cast(conversion_of_index as varchar)), 16) as of_figure_id,
        raw_text,
        unit,
        char_start
    from {{ ref('stg_raw__figures') }}
    where conversion_of_index is not null
),

converted as (
    select
        of_figure_id as figure_id,
        string_agg(raw_text || ' (' || unit || ')', '; ' order by char_start) as also_stated_as
    from conversions
    group by of_figure_id
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
where f.figure_id not in (select figure_id from conversions)  -- counted with the figure it restates
order by d.file_name, f.char_start
