select
    document_id,
    file_name,
    title,
    source,
    url,
    dateline,
    published_date,
    cast(word_count as integer) as word_count,
    body_text
from {{ ref('stg_raw__documents') }}
