-- One row per meeting mention with the real meeting it reports. Mentions in different
-- articles are one meeting when they have the same participants and compatible dates:
-- day-precise dates at most a day apart form one meeting; a mention dated only to the
-- month or year joins the best-attested meeting of that month or year; an undated one
-- joins the dated meeting on the month and day its text names ("on Monday (March 20)" in
-- an article with no published date), else the parties' only dated meeting, or, for
-- parties with no dated meeting of that kind, the other undated reports of the same status in
-- the same country (one calls it a visit to China, another talks in Beijing). A phone or
-- video call and an in-person meeting are never one meeting.
-- Places agree when either is unknown, they are the same, or they lie in the same country.
-- A country that hosts its own leader ("Xi's visit to China") is the setting, not a
-- party, so it does not count towards the participants.
with actors as (
    select actor_type, actor_name, actor_id, mode(country_code order by country_code) as country_code
    from {{ ref('int_actors_resolved') }}
    group by actor_type, actor_name, actor_id
),

participants as (
    select p.document_id, p.meeting_index, a.actor_id, a.actor_type, coalesce(a.country_code, p.country_code) as country_code
    from {{ ref('stg_raw__meeting_participants') }} p
    inner join actors a on a.actor_type = coalesce(p.actor_type, 'person') and a.actor_name = p.actor_name
),

parties as (
    select *
    from participants c
    where not (
        c.actor_type = 'country'
        and exists (
            select 1 from participants o
            where o.document_id = c.document_id and o.meeting_index = c.meeting_index
                and o.actor_type <> 'country' and o.country_code = c.country_code
        )
    )
),

-- A summit of a bloc is the bloc's: reports name different leaders at it ("Putin attended",
-- "Xi addressed the summit"), so its key is the organisation alone.
keys as (
    select
        p.document_id,
        p.meeting_index,
        case when m.meeting_type = 'summit' and bool_or(p.actor_type = 'organization')
            then string_agg(distinct p.actor_id, ',' order by p.actor_id) filter (where p.actor_type = 'organization')
            else string_agg(distinct p.actor_id, ',' order by p.actor_id)
        end as participants_key,
        list(distinct p.actor_id order by p.actor_id) as participant_ids,
        count(distinct p.actor_id) as participant_count
    from parties as p
    inner join {{ ref('stg_raw__meetings') }} as m using (document_id, meeting_index)
    group by p.document_id, p.meeting_index, m.meeting_type
),

-- Everyone and everything a report names as taking part, the host country of a visit included
-- ("Trump will visit China": Trump and China), for the bridge; the key above leaves it out.
named as (
    select document_id, meeting_index, list(distinct actor_id order by actor_id) as named_ids
    from participants
    group by document_id, meeting_index
),

mentions as (
    select m.*, k.participants_key, k.participant_ids, n.named_ids
    from {{ ref('stg_raw__meetings') }} m
    inner join keys k using (document_id, meeting_index)
    inner join named n using (document_id, meeting_index)
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

day_runs as (
    select
        *,
        sum(case when gap_days is null or gap_days > 1 then 1 else 0 end) over (
            partition by participants_key order by meeting_date, document_id, meeting_index
            rows between unbounded preceding and current row
        ) as day_run
    from day_dated
),

-- An article already tells its own meetings apart: two mentions from one article within
-- the same run of days are two meetings (talks one day, the summit the next).
islands as (
    select
        *,
        day_run * 1000 + row_number() over (
            partition by participants_key, day_run, document_id order by char_start
        ) as island
    from day_runs
),

anchored as (
    select
        document_id,
        meeting_index,
        participants_key,
        location,
        location_country,
        meeting_type = 'call' as remote,
        meeting_type = 'visit' as visit,
        min(meeting_date) over (partition by participants_key, island) as anchor_date,
        island,
        count(*) over (partition by participants_key, island) as island_size
    from islands
),

day_meetings as (
    select
        participants_key,
        island,
        any_value(anchor_date) as anchor_date,
        any_value(island_size) as island_size,
        mode(location order by location) as location,
        mode(location_country order by location_country) as location_country,
        mode(remote order by remote) as remote,
        mode(visit order by visit) as visit,
        list(distinct document_id) as documents
    from anchored
    group by participants_key, island
),

dated_meetings as (
    select *, count(*) over (partition by participants_key) as pair_meetings
    from day_meetings
),

imprecise as (
    select m.document_id, m.meeting_index, m.participants_key, m.meeting_date, m.date_precision, m.location,
        m.location_country, m.date_hint, m.status, m.meeting_type
    from mentions m
    where m.date_precision is distinct from 'day' or m.meeting_date is null
),

-- A month- or year-dated mention joins the best-attested meeting of that month or year
-- where the places do not disagree. An undated one joins a dated meeting only when the
-- parties have exactly one dated meeting and the places do not disagree: parties who meet
-- often (heads of state) would otherwise be merged across years.
candidates as (
    select
        i.document_id,
        i.meeting_index,
        i.participants_key,
        d.island,
        d.anchor_date,
        d.island_size,
        count(*) over (partition by i.document_id, i.meeting_index) as n_candidates,
        i.meeting_date is null as undated
    from imprecise i
    inner join dated_meetings d
        on d.participants_key = i.participants_key
        and not list_contains(d.documents, i.document_id)
        -- a phone or video call is never the in-person meeting, and a visit reported without its
        -- day ("Xi will visit Moscow in 2023") is the visit, not the talks held during it
        and (i.meeting_type = 'call') = d.remote
        and (i.meeting_type = 'visit') = d.visit
        and (
            i.location is null or d.location is null or d.location = i.location
            or i.location_country = d.location_country
        )
        and (
            (i.date_precision = 'month' and date_trunc('month', d.anchor_date) = i.meeting_date)
            or (i.date_precision = 'year' and date_trunc('year', d.anchor_date) = i.meeting_date)
            or (i.meeting_date is null and i.date_hint is null and d.pair_meetings = 1)
            or (i.meeting_date is null and length(i.date_hint) = 2
                and strftime(d.anchor_date, '%m') = i.date_hint)
            or (i.meeting_date is null and length(i.date_hint) = 5
                and i.date_hint in (strftime(d.anchor_date - 1, '%m-%d'), strftime(d.anchor_date, '%m-%d'),
                                    strftime(d.anchor_date + 1, '%m-%d')))
        )
),

best_candidates as (
    select
        document_id,
        meeting_index,
        participants_key,
        arg_max(island, (island_size, -island)) as island
    from candidates
    where not undated or n_candidates = 1
    group by document_id, meeting_index, participants_key
),

-- Still one mention per article and meeting: the first one the article gives.
imprecise_matched as (
    select *
    from best_candidates
    qualify row_number() over (partition by participants_key, island, document_id order by meeting_index) = 1
),

-- Undated reports left over, for parties with no dated meeting of that kind (in person, or
-- by phone or video) at all. One that names no place takes the place of the others of its
-- type (summit, talks, visit) when they all name the same country.
unanchored as (
    select
        i.*,
        coalesce(
            i.location_country,
            i.location,
            case when count(distinct coalesce(i.location_country, i.location)) over same_kind = 1
                then max(coalesce(i.location_country, i.location)) over same_kind end,
            ''
        ) as place_key
    from imprecise i
    left join imprecise_matched using (document_id, meeting_index)
    where imprecise_matched.document_id is null
    window same_kind as (partition by i.participants_key, i.status, i.meeting_type, i.meeting_date is null)
),

-- Kinds and places of the leftover reports that carry exactly one month or year.
lone_dated as (
    select
        participants_key, status, meeting_type, place_key,
        any_value(cast(meeting_date as varchar) || '/' || date_precision || '/' || place_key) as dated_key
    from unanchored
    where meeting_date is not null
    group by participants_key, status, meeting_type, place_key
    having count(distinct cast(meeting_date as varchar) || date_precision) = 1
),

assigned as (
    select document_id, meeting_index, participants_key || '@' || cast(island as varchar) as meeting_key
    from anchored
    union all
    select document_id, meeting_index, participants_key || '@' || cast(island as varchar)
    from imprecise_matched
    union all
    select
        i.document_id,
        i.meeting_index,
        i.participants_key || '@' || case
            -- "Xi will visit Moscow in 2023" and "Putin will visit Beijing in 2023" are two visits
            when i.meeting_date is not null then cast(i.meeting_date as varchar) || '/' || i.date_precision
                || '/' || i.place_key
            -- an undated report of the only month- or year-dated one of the same kind and place
            -- ("Xi will pay a state visit to Russia" and "... to Moscow in 2023")
            when lone.dated_key is not null then lone.dated_key
            when exists (
                select 1 from day_meetings d
                where d.participants_key = i.participants_key and d.remote = (i.meeting_type = 'call')
            ) then 'undated/' || i.document_id || '/' || cast(i.meeting_index as varchar)
            else 'undated/' || i.status || '/' || (i.meeting_type = 'call') || '/' || i.place_key || '/'
                || cast(row_number() over (
                    partition by i.participants_key, i.status, i.meeting_type = 'call', i.place_key, i.document_id
                    order by i.meeting_index) as varchar)
        end
    from unanchored i
    left join lone_dated as lone
        on lone.participants_key = i.participants_key and lone.status = i.status
        and lone.meeting_type = i.meeting_type and lone.place_key = i.place_key
)

select
    left(md5(assigned.meeting_key), 16) as meeting_id,
    mentions.*
from mentions
inner join assigned using (document_id, meeting_index)
