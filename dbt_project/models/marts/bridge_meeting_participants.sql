with actors as (
    select distinct actor_type, actor_name, actor_id from {{ ref('int_actors_resolved') }}
)

select distinct
    mentions.meeting_id,
    actors.actor_id
from {{ ref('int_meetings_deduplicated') }} as mentions
inner join {{ ref('stg_raw__meeting_participants') }} as participants
    using (document_id, meeting_index)
inner join actors
    on actors.actor_type = coalesce(participants.actor_type, 'person')
    and actors.actor_name = participants.actor_name
