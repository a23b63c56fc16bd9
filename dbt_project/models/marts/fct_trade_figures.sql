-- One row per money amount or measure an article states (the contract), a conversion stated
-- beside a figure ("$240bn (£191bn)") included: it is an amount the article gives. Reporting
-- counts it once: reporting.rpt_trade_figures links it to its figure (also_stated_as) and
-- leaves it out of its rows and of the comparisons across sources.
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
order by document_id, char_start, figure_index
