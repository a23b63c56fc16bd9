select
    document_id,
    meeting_index,
    lower(status) as status,
    lower(meeting_type) as meeting_type,
    meeting_date,
    lower(date_precision) as date_precision,
    date_text,
    date_hint,
    nullif(trim(location), '') as location,
    upper(location_country) as location_country,
    evidence,
    char_start,
    char_end,
    upper(location_country_code) as location_country_code,
    latitude,
    longitude
from {{ source('raw', 'meetings') }}
