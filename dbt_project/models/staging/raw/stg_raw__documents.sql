with documents as (
    select * from {{ source('raw', 'documents') }}
),

first_file as (
    select document_id, min(record_name) as file_name
    from {{ source('raw', 'file_documents') }}
    group by document_id
)

select
    documents.document_id,
    first_file.file_name,
    nullif(trim(documents.title), '') as title,
    nullif(trim(documents.source), '') as source,
    nullif(trim(documents.url), '') as url,
    nullif(trim(documents.dateline), '') as dateline,
    documents.published_date,
    documents.body_text,
    documents.word_count
from documents
inner join first_file using (document_id)
