select
    left(md5(document_id || ':f' || cast(figure_index as varchar)), 16) as figure_id,
    document_id,
    value,
    unit,
    raw_text,
    measure,
    period,
    source,
    char_start,
    char_end
from {{ ref('stg_raw__figures') }}
order by document_id, char_start, figure_index
