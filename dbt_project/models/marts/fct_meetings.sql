-- One row per real meeting, however many articles report it.
with country_names as (
    select name from {{ ref('ref_countries') }}
    union
    select alias from {{ ref('ref_country_aliases') }} where kind = 'name'
),

-- A place is a city or venue unless it names a whole country: among equally attested
-- places of one meeting, the more precise one is its place.
mentions as (
    select m.*, c.name is not null as place_is_country
    from {{ ref('int_meetings_deduplicated') }} as m
    left join country_names as c on c.name = m.location
),

dates as (
    select
        meeting_id,
        coalesce(
            mode(meeting_date order by meeting_date) filter (where date_precision = 'day'),
            mode(meeting_date order by meeting_date) filter (where date_precision = 'month'),
            mode(meeting_date order by meeting_date) filter (where date_precision = 'year')
        ) as meeting_date,
        case
            when count(*) filter (where date_precision = 'day' and meeting_date is not null) > 0 then 'day'
            when count(*) filter (where date_precision = 'month' and meeting_date is not null) > 0 then 'month'
            when count(*) filter (where date_precision = 'year' and meeting_date is not null) > 0 then 'year'
        end as date_precision
    from mentions
    group by meeting_id
),

meetings as (
select
    mentions.meeting_id,
    any_value(dates.meeting_date) as meeting_date,
    any_value(dates.date_precision) as date_precision,
    case when bool_or(mentions.status = 'held') then 'held' else 'planned' end as status,
    -- reported as often one way as another, the wider kind: a state visit some call talks is a visit
    coalesce(mode(mentions.meeting_type order by case mentions.meeting_type
        when 'summit' then 0 when 'visit' then 1 when 'talks' then 2 when 'call' then 3 else 4 end), 'other')
        as meeting_type,
    mode(mentions.location order by mentions.place_is_country, mentions.location) as location,
    cast(count(distinct mentions.document_id) as integer) as source_count
from mentions
inner join dates using (meeting_id)
group by mentions.meeting_id
),

-- Where the place lies, from reference data at extraction (the city, else the country's capital);
-- the reports that give the meeting's own place say where it is.
places as (
    select
        meetings.meeting_id,
        arg_min(mentions.location_country_code, (mentions.latitude is null, mentions.location_country_code))
            as location_country_code,
        arg_min(mentions.latitude, (mentions.latitude is null, mentions.location_country_code)) as latitude,
        arg_min(mentions.longitude, (mentions.latitude is null, mentions.location_country_code)) as longitude
    from meetings
    inner join mentions
        on mentions.meeting_id = meetings.meeting_id and mentions.location = meetings.location
    group by meetings.meeting_id
)

select
    meetings.*,
    places.location_country_code,
    places.latitude,
    places.longitude
from meetings
left join places using (meeting_id)
order by meetings.meeting_id
