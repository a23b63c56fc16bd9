-- One row per article, with its text. Incremental: a build writes the rows of the articles
-- that are new or whose file name or metadata changed, and deletes the rows of articles no
-- longer ingested; the texts of the others (most of the warehouse's bytes) are not rewritten.
-- A document's text never changes under its id (the id is a hash of the text).
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('stg_raw__documents') }})"
) }}

select
    documents.document_id,
    documents.file_name,
    documents.title,
    documents.source,
    documents.url,
    documents.dateline,
    documents.published_date,
    cast(documents.word_count as integer) as word_count,
    documents.body_text
from {{ ref('stg_raw__documents') }} as documents
{% if is_incremental() %}
where not exists (
    select 1
    from {{ this }} as built
    where built.document_id = documents.document_id
        and built.file_name is not distinct from documents.file_name
        and built.title is not distinct from documents.title
        and built.source is not distinct from documents.source
        and built.url is not distinct from documents.url
        and built.dateline is not distinct from documents.dateline
        and built.published_date is not distinct from documents.published_date
        and built.word_count is not distinct from cast(documents.word_count as integer)
)
{% endif %}
