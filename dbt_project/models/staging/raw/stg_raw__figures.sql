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
    char_end
from {{ source('raw', 'figures') }}
where value is not null and nullif(trim(unit), '') is not null
