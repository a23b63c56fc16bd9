select
    document_id,
    meeting_index,
    participant_index,
    trim(name) as actor_name,
    lower(actor_type) as actor_type,
    upper(country_code) as country_code,
    nullif(trim(role), '') as role
from {{ source('raw', 'meeting_participants') }}
where nullif(trim(name), '') is not null
