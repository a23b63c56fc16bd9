-- A timeline of relationships between two countries: one row per pair and event — every
-- meeting, statement and trade figure that involves both countries of the pair.
--   meeting:      both countries have a participant (rpt_meeting_country_pairs);
--   statement:    the speaker's country and the countries the quote names (rpt_statements.countries);
--   trade_figure: the countries of the figure (rpt_trade_figures.countries).
-- An event involving three countries appears under each of its three pairs.
-- event_date is the event's own date (a figure's: the start of its period); timeline_date
-- falls back to the article's published date (for a meeting, its earliest report) and
-- date_basis says which one it is. The article is the event's earliest report.
with meeting_reports as (
    select
        b.meeting_id,
        b.document_id,
        b.evidence,
        d.title,
        d.url,
        d.file_name,
        d.published_date,
        row_number() over (
            partition by b.meeting_id order by d.published_date nulls last, d.file_name, d.document_id
        ) as report_rank
    from {{ ref('bridge_meeting_documents') }} as b
    inner join {{ ref('dim_documents') }} as d using (document_id)
),

meeting_actors as (
    select p.meeting_id, string_agg(a.name, ', ' order by a.name) as actors
    from {{ ref('bridge_meeting_participants') }} as p
    inner join {{ ref('dim_actors') }} as a using (actor_id)
    group by p.meeting_id
),

meetings as (
    select
        pairs.pair,
        pairs.country_a,
        pairs.country_b,
        'meeting' as event_kind,
        m.meeting_id as event_id,
        m.meeting_date as event_date,
        m.date_precision,
        case m.date_precision
            when 'day' then strftime(m.meeting_date, '%Y-%m-%d')
            when 'month' then strftime(m.meeting_date, '%Y-%m')
            when 'year' then strftime(m.meeting_date, '%Y')
            else 'undated'
        end as period_label,
        r.published_date,
        ma.actors,
        m.meeting_type || coalesce(' in ' || m.location, '')
            || case when m.status = 'planned' then ' (planned)' else '' end || ': ' || ma.actors
            || case when m.source_count > 1 then ' (' || cast(m.source_count as varchar) || ' reports)' else '' end
            as summary,
        r.evidence as detail,
        r.document_id,
        r.title as document_title,
        r.url as document_url,
        r.file_name,
        m.source_count
    from {{ ref('rpt_meeting_country_pairs') }} as pairs
    inner join {{ ref('fct_meetings') }} as m using (meeting_id)
    inner join meeting_actors as ma using (meeting_id)
    inner join meeting_reports as r on r.meeting_id = m.meeting_id and r.report_rank = 1
),

statement_countries as (
    select statement_id, unnest(string_split(countries, ',')) as code
    from {{ ref('rpt_statements') }}
    where countries is not null
),

statements as (
    select
        a.code || '-' || b.code as pair,
        a.code as country_a,
        b.code as country_b,
        'statement' as event_kind,
        s.statement_id as event_id,
        -- said on the day the sentence gives, else (at the latest) on the day it was published
        coalesce(s.statement_date, s.published_date) as event_date,
        case when coalesce(s.statement_date, s.published_date) is not null then 'day' end as date_precision,
        coalesce(strftime(coalesce(s.statement_date, s.published_date), '%Y-%m-%d'), 'undated') as period_label,
        s.published_date,
        s.speaker_name as actors,
        coalesce(s.speaker_name, 'unknown speaker')
            || case when s.statement_kind = 'direct' then ': “' || s.quote_text || '”'
                else ' (reported): ' || s.quote_text end as summary,
        s.quote_text as detail,
        s.document_id,
        s.document_title,
        s.document_url,
        s.file_name,
        1 as source_count
    from statement_countries as a
    inner join statement_countries as b on a.statement_id = b.statement_id and a.code < b.code
    inner join {{ ref('rpt_statements') }} as s on s.statement_id = a.statement_id
),

figure_countries as (
    select figure_id, unnest(string_split(countries, ',')) as code
    from {{ ref('rpt_trade_figures') }}
    where countries is not null
),

figures_dated as (
    select
        *,
        case
            when regexp_matches(period, '^\d{4}-\d{2}-\d{2}$') then try_cast(period as date)
            when regexp_matches(period, '^\d{4}-\d{2}$') then try_cast(period || '-01' as date)
            when regexp_matches(period, '^\d{4}-Q[1-4]$') then make_date(
                cast(left(period, 4) as integer), (cast(right(period, 1) as integer) - 1) * 3 + 1, 1)
            when regexp_matches(period, '^\d{4}-H[12]$') then make_date(
                cast(left(period, 4) as integer), (cast(right(period, 1) as integer) - 1) * 6 + 1, 1)
            when regexp_matches(period, '^\d{4}$') then make_date(cast(period as integer), 1, 1)
        end as event_date,
        case
            when regexp_matches(period, '^\d{4}-\d{2}-\d{2}$') then 'day'
            when regexp_matches(period, '^\d{4}-\d{2}$') then 'month'
            when regexp_matches(period, '^\d{4}-Q[1-4]$') then 'quarter'
            when regexp_matches(period, '^\d{4}-H[12]$') then 'half'
            when regexp_matches(period, '^\d{4}$') then 'year'
        end as date_precision
    from {{ ref('rpt_trade_figures') }}
),

figures as (
    select
        a.code || '-' || b.code as pair,
        a.code as country_a,
        b.code as country_b,
        'trade_figure' as event_kind,
        f.figure_id as event_id,
        f.event_date,
        f.date_precision,
        coalesce(f.period, 'undated') as period_label,
        f.published_date,
        f.source as actors,
        coalesce(f.measure, 'figure') || ': ' || f.raw_text || ' (' || f.unit || ')'
            || coalesce(' in ' || f.period, '') || coalesce(', according to ' || f.source, '') as summary,
        cast(f.value as varchar) || ' ' || f.unit as detail,
        f.document_id,
        f.document_title,
        f.document_url,
        f.file_name,
        1 as source_count
    from figure_countries as a
    inner join figure_countries as b on a.figure_id = b.figure_id and a.code < b.code
    inner join figures_dated as f on f.figure_id = a.figure_id
),

events as (
    select * from meetings
    union all
    select * from statements
    union all
    select * from figures
)

select
    pair,
    country_a,
    country_b,
    event_kind,
    event_id,
    event_date,
    date_precision,
    period_label,
    published_date,
    coalesce(event_date, published_date) as timeline_date,
    case when event_date is not null then 'event' when published_date is not null then 'published' end
        as date_basis,
    actors,
    summary,
    detail,
    document_id,
    document_title,
    document_url,
    file_name,
    cast(source_count as integer) as source_count
from events
order by pair, timeline_date nulls last, event_kind, event_id
