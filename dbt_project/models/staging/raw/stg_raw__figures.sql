select
    document_id,
    figure_index,
    value,
    unit,
    raw_text,
    nullif(trim(measure), '') as measure,
    nullif(trim(period), '') as period,
    nullif(trim(source), '') as source,
    countries,
    char_start,
    char_end,
    coalesce(lower(figure_kind), 'reported') as figure_kind,
    coalesce(lower(measure_category), 'other') as measure_category,
    upper(from_country) as from_country_code,
    upper(to_country) as to_country_code,
    conversion_of_index,
    nullif(trim(evidence), '') as evidence
from {{ source('raw', 'figures') }}
where value is not null and nullif(trim(unit), '') is not null
