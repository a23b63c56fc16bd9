-- Every name an article gives an actor, wherever it appears: as a mention, a speaker
-- or a meeting participant, with the article's date for "latest known role".
with documents as (
    select document_id, published_date from {{ ref('stg_raw__documents') }}
),

named as (
    select document_id, actor_name, actor_type, country_code, role
    from {{ ref('stg_raw__actor_mentions') }}
    union all
    select document_id, speaker_name, speaker_type, speaker_country, speaker_role
    from {{ ref('stg_raw__statements') }}
    where speaker_name is not null
    union all
    select document_id, actor_name, actor_type, country_code, role
    from {{ ref('stg_raw__meeting_participants') }}
)

select
    named.document_id,
    documents.published_date,
    named.actor_name,
    coalesce(named.actor_type, 'person') as actor_type,
    named.country_code,
    named.role
from named
inner join documents using (document_id)
