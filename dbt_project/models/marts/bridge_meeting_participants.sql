-- The parties to each meeting, as its reports name them (a country that only hosts its
-- own leader is the setting, not a party: see int_meetings_deduplicated).
select distinct
    meeting_id,
    unnest(participant_ids) as actor_id
from {{ ref('int_meetings_deduplicated') }}
order by meeting_id, actor_id
