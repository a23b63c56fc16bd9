-- Who took part in each meeting, as its reports name them: the people, bodies and countries.
-- A visit's report keeps the country visited ("Trump will visit China"); elsewhere a country
-- that only hosts its own leader is the setting, not a party (see int_meetings_deduplicated).
select distinct
    m.meeting_id,
    unnest(case when f.meeting_type = 'visit' then m.named_ids else m.participant_ids end) as actor_id
from {{ ref('int_meetings_deduplicated') }} as m
inner join {{ ref('fct_meetings') }} as f using (meeting_id)
order by meeting_id, actor_id
