-- One row per meeting mention with the real meeting it reports. Mentions in different
-- articles are one meeting when they have the same participants and compatible dates:
-- day-precise dates within a week of each other form one meeting; a mention dated only
-- to the month or year, or not at all, joins the best-attested meeting it fits.
with actors as (
    select distinct actor_type, actor_name, actor_id from {{ ref('int_actors_resolved') }}
),

participants as (
    select p.document_id, p.meeting_index, a.actor_id
    from {{ ref('stg_raw__meeting_participants') }} p
    inner join actors a on a.actor_type = coalesce(p.actor_type, 'person') and a.actor_name = p.actor_name
),

keys as (
    select
        document_id,
        meeting_index,
        string_agg(distinct actor_id, ',' order by actor_id) as participants_key,
        count(distinct actor_id) as participant_count
    from participants
    group by document_id, meeting_index
),

mentions as (
    select m.*, k.participants_key
    from {{ ref('stg_raw__meetings') }} m
    inner join keys k using (document_id, meeting_index)
    where k.participant_count >= 2
),

day_dated as (
    select
        *,
        meeting_date - lag(meeting_date) over (
            partition by participants_key order by meeting_date, document_id, meeting_index
        ) as gap_days
    from mentions
    where date_precision = 'day' and meeting_date is not null
),

islands as (
    select
        *,
        sum(case when gap_days is null or gap_days > 7 then 1 else 0 end) over (
            partition by participants_key order by meeting_date, document_id, meeting_index
            rows between unbounded preceding and current row
        ) as island
    from day_dated
),

anchored as (
    select
        document_id,
        meeting_index,
        participants_key,
        min(meeting_date) over (partition by participants_key, island) as anchor_date,
        count(*) over (partition by participants_key, island) as island_size
    from islands
),

day_meetings as (
    select distinct participants_key, anchor_date, island_size from anchored
),

imprecise as (
    select m.document_id, m.meeting_index, m.participants_key, m.meeting_date, m.date_precision
    from mentions m
    where m.date_precision is distinct from 'day' or m.meeting_date is null
),

imprecise_matched as (
    select
        i.document_id,
        i.meeting_index,
        i.participants_key,
        arg_max(d.anchor_date, d.island_size) as anchor_date
    from imprecise i
    inner join day_meetings d
        on d.participants_key = i.participants_key
        and (
            i.meeting_date is null
            or (i.date_precision = 'month' and date_trunc('month', d.anchor_date) = i.meeting_date)
            or (i.date_precision = 'year' and date_trunc('year', d.anchor_date) = i.meeting_date)
        )
    group by i.document_id, i.meeting_index, i.participants_key
),

assigned as (
    select document_id, meeting_index, participants_key || '@' || cast(anchor_date as varchar) as meeting_key
    from anchored
    union all
    select document_id, meeting_index, participants_key || '@' || cast(anchor_date as varchar)
    from imprecise_matched
    union all
    select
        i.document_id,
        i.meeting_index,
        i.participants_key || '@' || coalesce(cast(i.meeting_date as varchar) || '/' || i.date_precision, 'undated')
    from imprecise i
    left join imprecise_matched using (document_id, meeting_index)
    where imprecise_matched.document_id is null
)

select
    left(md5(assigned.meeting_key), 16) as meeting_id,
    mentions.*
from mentions
inner join assigned using (document_id, meeting_index)
