-- One row per figure an article reports. A conversion stated beside a figure ("$240bn (£191bn)")
-- is the same report in another currency: it is not a row of its own here, but is linked to its
-- figure in reporting.rpt_trade_figures (also_stated_as).
select
    left(md5(document_id || ':f' || cast(figure_index as varchar)), 16) as figure_id,
    document_id,
    value,
    unit,
    raw_text,
    measure,
    period,
    source,
    figure_kind,
    measure_category,
    from_country_code,
    to_country_code,
    evidence,
    char_start,
    char_end
from {{ ref('stg_raw__figures') }}
where conversion_of_index is null
order by document_id, char_start, figure_index
