-- Statements one by one, with their speaker and article, for keyword search on the quote
-- text. `countries` lists (sorted, comma-separated ISO alpha-3 codes) the speaker's country
-- and every country the quote names by its name, demonym or capital (rpt_country_terms:
-- "Russian-Chinese partnership" names RUS and CHN, "Beijing" names CHN); the relationship
-- timeline uses it. `statement_month` is the month of the statement's own date, else of
-- the article's published date.
with statements as (
    select * from {{ ref('fct_statements') }}
),

-- Every run of one to seven words of the quote (case kept, accents and punctuation dropped)
-- that starts with the first word of some country term, joined to the terms: a whole-word
-- match, found by hash joins. Only runs that start where a term can start are built, so the
-- cost follows the words of the quotes, not the square of their length.
quote_words as (
    select
        statement_id,
        string_split(trim(regexp_replace(strip_accents(quote_text), '[^A-Za-z0-9]+', ' ', 'g')), ' ') as words
    from statements
),

term_starts as (
    select distinct string_split(term_cased, ' ')[1] as word from {{ ref('rpt_country_terms') }}
),

word_positions as (
    select statement_id, words, unnest(range(1, len(words) + 1)) as i
    from quote_words
),

term_positions as (
    select p.statement_id, p.words, p.i
    from word_positions as p
    semi join term_starts as t on t.word = p.words[p.i]
),

quote_grams as (
    select distinct statement_id, array_to_string(words[i:i + n - 1], ' ') as gram
    from (
        select statement_id, words, i, unnest(range(1, least(7, len(words) - i + 1) + 1)) as n
        from term_positions
    )
),

term_matches as (
    select g.statement_id, t.term_cased, t.alpha3
    from quote_grams as g
    inner join {{ ref('rpt_country_terms') }} as t on t.term_cased = g.gram
),

-- A term inside a longer one found in the same quote is that one ("Guinea" in "Papua New Guinea").
named_countries as (
    select m.statement_id, m.alpha3
    from term_matches as m
    where not exists (
        select 1 from term_matches as o
        where o.statement_id = m.statement_id and o.term_cased <> m.term_cased
            and contains(' ' || o.term_cased || ' ', ' ' || m.term_cased || ' ')
    )
),

speaker_countries as (
    select s.statement_id, a.country_code as alpha3
    from statements as s
    inner join {{ ref('dim_actors') }} as a on a.actor_id = s.speaker_actor_id
    where a.country_code is not null
),

countries as (
    select statement_id, string_agg(distinct alpha3, ',' order by alpha3) as countries
    from (select * from named_countries union select * from speaker_countries)
    group by statement_id
)

select
    s.statement_id,
    s.document_id,
    s.speaker_actor_id,
    s.speaker_name,
    a.actor_type as speaker_type,
    a.country_code as speaker_country,
    a.role as speaker_role,
    s.statement_kind,
    s.quote_text,
    s.cited_by,
    s.statement_date,
    d.published_date,
    cast(date_trunc('month', coalesce(s.statement_date, d.published_date)) as date) as statement_month,
    countries.countries,
    d.title as document_title,
    d.source as document_source,
    d.url as document_url,
    d.file_name,
    s.char_start,
    s.char_end
from statements as s
inner join {{ ref('dim_documents') }} as d using (document_id)
left join {{ ref('dim_actors') }} as a on a.actor_id = s.speaker_actor_id
left join countries using (statement_id)
order by coalesce(s.statement_date, d.published_date) nulls last, d.file_name, s.char_start
