select
    document_id,
    mention_index,
    trim(name) as actor_name,
    lower(actor_type) as actor_type,
    upper(country_code) as country_code,
    nullif(trim(role), '') as role,
    surface,
    char_start,
    char_end
from {{ source('raw', 'actor_mentions') }}
where nullif(trim(name), '') is not null
