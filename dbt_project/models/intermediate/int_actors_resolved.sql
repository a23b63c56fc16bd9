-- One actor per real person, organization or country across all articles.
-- Persons: full names cluster on family name + initial of the other name part, so
-- "Sergei Shoigu" and "Sergey Shoigu" are one actor, "Li Qiang" and "Li Shangfu" two
-- (hyphens and transliterations of a final y/i do not split a name);
-- a lone surname ("Putin") joins the one full name it can belong to.
-- Countries: their ISO code. Organizations: their name without a leading article.
with names as (
    select
        actor_name,
        actor_type,
        country_code,
        role,
        published_date,
        lower(strip_accents(regexp_replace(actor_name, '^(?i:the)\s+', ''))) as name_key,
        -- "Yoon Suk-yeol" and "Yoon Suk Yeol" are one name; "Zelenskyy", "Zelenskiy" and
        -- "Zelensky" one family name (transliterations differ in a final y/i).
        list_transform(
            list_filter(
                string_split(regexp_replace(lower(strip_accents(actor_name)), '[-‐‑]', ' ', 'g'), ' '),
                lambda t: t <> ''),
            lambda t: case when length(t) >= 5 then regexp_replace(t, '(iy|yy|ii|y|i)$', '') else t end
        ) as tokens
    from {{ ref('int_actor_mentions_unioned') }}
),

keyed as (
    select
        *,
        case
            when actor_type = 'country' and country_code is not null then 'country:' || country_code
            when actor_type = 'person' and len(tokens) >= 2
                then 'person:' || tokens[-1] || '|' || left(tokens[1], 1)
            else actor_type || ':' || name_key
        end as cluster_key
    from names
),

full_persons as (
    select distinct cluster_key, tokens[1] as first_token, tokens[-1] as last_token
    from keyed
    where cluster_key like 'person:%|%'
),

-- Each name part a full name can be called by alone: its first or its last token.
full_person_tokens as (
    select cluster_key, first_token as token from full_persons
    union
    select cluster_key, last_token from full_persons
),

lone_names as (
    select distinct name_key, tokens[1] as token
    from keyed
    where actor_type = 'person' and len(tokens) = 1
),

-- An equality join (a hash join), not "token in (first, last)", which DuckDB can only run
-- as a nested loop: lone names times full names, the square of the corpus.
lone_surnames as (
    select distinct l.name_key, f.cluster_key
    from lone_names as l
    inner join full_person_tokens as f using (token)
),

unique_lone as (
    select name_key, min(cluster_key) as cluster_key
    from lone_surnames
    group by name_key
    having count(distinct cluster_key) = 1
),

resolved as (
    select
        keyed.* exclude (cluster_key),
        coalesce(unique_lone.cluster_key, keyed.cluster_key) as cluster_key
    from keyed
    left join unique_lone
        on keyed.actor_type = 'person' and len(keyed.tokens) = 1 and unique_lone.name_key = keyed.name_key
)

select
    actor_name,
    actor_type,
    cluster_key,
    left(md5(cluster_key), 16) as actor_id,
    country_code,
    role,
    published_date
from resolved
