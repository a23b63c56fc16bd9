select
    document_id,
    statement_index,
    nullif(trim(speaker_name), '') as speaker_name,
    lower(speaker_type) as speaker_type,
    upper(speaker_country) as speaker_country,
    nullif(trim(speaker_role), '') as speaker_role,
    lower(statement_kind) as statement_kind,
    quote_text,
    cue,
    nullif(trim(cited_by), '') as cited_by,
    statement_date,
    char_start,
    char_end,
    nullif(trim(evidence), '') as evidence
from {{ source('raw', 'statements') }}
where nullif(trim(quote_text), '') is not null
