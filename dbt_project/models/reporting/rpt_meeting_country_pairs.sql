{{ config(materialized='view') }}
-- Each meeting with each pair of participant countries (alphabetical: country_a < country_b).
-- A participant's country is dim_actors.country_code (a person's, an organization's or the
-- country's own); participants without one do not count. A meeting among parties from
-- A, B and C gives the pairs A-B, A-C and B-C; parties from one country give no pair.
-- A view shared by the meetings-per-month and relationship-timeline tables.
with meeting_countries as (
    select distinct p.meeting_id, a.country_code
    from {{ ref('bridge_meeting_participants') }} as p
    inner join {{ ref('dim_actors') }} as a using (actor_id)
    where a.country_code is not null
)

select
    a.meeting_id,
    a.country_code as country_a,
    b.country_code as country_b,
    a.country_code || '-' || b.country_code as pair
from meeting_countries as a
inner join meeting_countries as b
    on a.meeting_id = b.meeting_id and a.country_code < b.country_code
