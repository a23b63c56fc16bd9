-- Who meets whom: one row per pair of actors that took part in the same meeting (an edge
-- of the actor network), with how many meetings, the first and the last (by meeting date;
-- undated meetings count but have no date), and where and what the last dated one was.
-- Actor a is the one whose name sorts first. A country is a party beside its leader (a visit
-- lists the country visited), not the leader's partner: people and bodies are paired with
-- people and bodies, countries with countries.
with participants as (
    select p.meeting_id, a.actor_id, a.name, a.actor_type, a.country_code
    from {{ ref('bridge_meeting_participants') }} as p
    inner join {{ ref('dim_actors') }} as a using (actor_id)
),

edges as (
    select
        a.actor_id as actor_a_id,
        a.name as actor_a_name,
        a.actor_type as actor_a_type,
        a.country_code as actor_a_country,
        b.actor_id as actor_b_id,
        b.name as actor_b_name,
        b.actor_type as actor_b_type,
        b.country_code as actor_b_country,
        m.meeting_id,
        m.meeting_date,
        m.status,
        m.location,
        m.meeting_type,
        m.source_count
    from participants as a
    inner join participants as b
        on a.meeting_id = b.meeting_id
        and (a.name < b.name or (a.name = b.name and a.actor_id < b.actor_id))
        and (a.actor_type = 'country') = (b.actor_type = 'country')
    inner join {{ ref('fct_meetings') }} as m on m.meeting_id = a.meeting_id
)

select
    actor_a_id,
    actor_a_name,
    actor_a_type,
    actor_a_country,
    actor_b_id,
    actor_b_name,
    actor_b_type,
    actor_b_country,
    cast(count(distinct meeting_id) as integer) as meetings,
    cast(count(distinct meeting_id) filter (where status = 'held') as integer) as meetings_held,
    cast(count(distinct meeting_id) filter (where status = 'planned') as integer) as meetings_planned,
    cast(count(distinct meeting_id) filter (where meeting_date is not null) as integer) as dated_meetings,
    min(meeting_date) as first_meeting_date,
    max(meeting_date) as last_meeting_date,
    arg_max(location, (meeting_date, meeting_id)) filter (where meeting_date is not null) as last_meeting_location,
    arg_max(meeting_type, (meeting_date, meeting_id)) filter (where meeting_date is not null) as last_meeting_type,
    cast(sum(source_count) as integer) as reports
from edges
group by all
order by meetings desc, actor_a_name, actor_b_name
