with actors as (
    select distinct actor_type, actor_name, actor_id from {{ ref('int_actors_resolved') }}
)

select
    left(md5(statements.document_id || ':s' || cast(statements.statement_index as varchar)), 16) as statement_id,
    statements.document_id,
    actors.actor_id as speaker_actor_id,
    dim_actors.name as speaker_name,
    statements.statement_kind,
    statements.quote_text,
    statements.statement_date,
    statements.cited_by,
    statements.evidence,
    statements.char_start,
    statements.char_end
from {{ ref('stg_raw__statements') }} as statements
left join actors
    on actors.actor_type = coalesce(statements.speaker_type, 'person')
    and actors.actor_name = statements.speaker_name
left join {{ ref('dim_actors') }} as dim_actors on dim_actors.actor_id = actors.actor_id
order by statements.document_id, statements.char_start, statements.statement_index
