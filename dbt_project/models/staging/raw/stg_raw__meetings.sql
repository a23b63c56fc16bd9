select
    document_id,
    meeting_index,
    lower(status) as status,
    lower(meeting_type) as meeting_type,
    meeting_date,
    lower(date_precision) as date_precision,
    date_text,
    nullif(trim(location), '') as location,
    evidence,
    char_start,
    char_end
from {{ source('raw', 'meetings') }}
