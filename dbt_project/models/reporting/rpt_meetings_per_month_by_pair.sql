-- Meetings per month by country pair. A meeting counts once for every pair of countries
-- among its participants (see rpt_meeting_country_pairs). The month is the meeting's own
-- date: a meeting dated only to the year has a row for the year (meeting_month null), an
-- undated one a row 'undated' (both null), so the counts of a pair add up to all its meetings.
with pairs as (
    select * from {{ ref('rpt_meeting_country_pairs') }}
),

meetings as (
    select
        pairs.pair,
        pairs.country_a,
        pairs.country_b,
        m.meeting_id,
        m.status,
        m.meeting_type,
        m.source_count,
        cast(extract(year from m.meeting_date) as integer) as meeting_year,
        case when m.date_precision in ('day', 'month') then cast(date_trunc('month', m.meeting_date) as date) end
            as meeting_month
    from pairs
    inner join {{ ref('fct_meetings') }} as m using (meeting_id)
)

select
    meetings.pair,
    meetings.country_a,
    meetings.country_b,
    coalesce(ca.name, meetings.country_a) as country_a_name,
    coalesce(cb.name, meetings.country_b) as country_b_name,
    meetings.meeting_year,
    meetings.meeting_month,
    case
        when meetings.meeting_month is not null then strftime(meetings.meeting_month, '%Y-%m')
        when meetings.meeting_year is not null then cast(meetings.meeting_year as varchar)
        else 'undated'
    end as period_label,
    cast(count(distinct meetings.meeting_id) as integer) as meetings,
    cast(count(distinct meetings.meeting_id) filter (where meetings.status = 'held') as integer) as meetings_held,
    cast(count(distinct meetings.meeting_id) filter (where meetings.status = 'planned') as integer)
        as meetings_planned,
    cast(sum(meetings.source_count) as integer) as reports,
    string_agg(distinct meetings.meeting_type, ', ' order by meetings.meeting_type) as meeting_types
from meetings
left join {{ ref('ref_countries') }} as ca on ca.alpha3 = meetings.country_a
left join {{ ref('ref_countries') }} as cb on cb.alpha3 = meetings.country_b
group by all
order by meetings.pair, meetings.meeting_year nulls last, meetings.meeting_month nulls last
