-- Canonical name: the fullest form articles give most often; role: the latest an article gives.
with resolved as (
    select * from {{ ref('int_actors_resolved') }}
),

name_counts as (
    select actor_id, actor_name, count(*) as n
    from resolved
    group by actor_id, actor_name
),

names as (
    select
        actor_id,
        arg_max(actor_name, (n, length(actor_name), actor_name)) as name
    from name_counts
    group by actor_id
),

countries as (
    select actor_id, mode(country_code order by country_code) as country_code
    from resolved
    where country_code is not null
    group by actor_id
),

roles as (
    select actor_id, arg_max(role, (coalesce(published_date, date '1900-01-01'), role)) as role
    from resolved
    where role is not null
    group by actor_id
),

types as (
    select actor_id, min(actor_type) as actor_type
    from resolved
    group by actor_id
)

select
    types.actor_id,
    coalesce(ref_countries.name, names.name) as name,
    types.actor_type,
    countries.country_code,
    roles.role
from types
inner join names using (actor_id)
left join countries using (actor_id)
left join roles using (actor_id)
left join {{ ref('ref_countries') }} as ref_countries
    on types.actor_type = 'country' and ref_countries.alpha3 = countries.country_code
