-- Trade figures one by one, each with a normalised measure key, so that the figures
-- different articles give for the same thing can be grouped (rpt_trade_figures_by_measure_period).
--
-- measure_key: the measure's words, normalised so that wordings of the same measure meet:
--   1. lower case, accents and punctuation removed ("Russia-China" -> "russia china");
--   2. countries recognised through their names, demonyms, capitals and common short forms
--      (rpt_country_terms) and replaced by their lowercase ISO alpha-3 code: "Chinese",
--      "China" and "PRC" are all `chn`; a direction is kept: "to Russia" / "into Russia" is
--      `to_rus`, "from Russia" `from_rus`, so exports to and from a country stay apart;
--   3. stopwords removed (articles, prepositions, conjunctions, and the words that only
--      point at the pair already in view: "bilateral", "mutual", "both", "two", "countries",
--      "nations", "sides"), and "total", "value", "volume", "amount", "worth";
--   4. light stemming (plural "s", "es", "ies"), a few synonyms ("commerce", "turnover" -> trade,
--      "imports and exports" -> trade);
--   5. when the measure points at the pair without naming it ("bilateral trade", "trade
--      between the two nations") and names fewer than two countries, the pair is filled in
--      with the countries the article mentions most (its actors' countries);
--   6. country codes first, then the words, each sorted and distinct: word order does not
--      matter ("Russia-China trade" = "trade between China and Russia" = `chn rus trade`).
-- countries: the key's countries and those the extraction attached to the figure, sorted,
-- comma-separated.
with figures as (
    select * from {{ ref('fct_trade_figures') }}
),

extracted_countries as (
    select
        left(md5(document_id || ':f' || cast(figure_index as varchar)), 16) as figure_id,
        countries
    from {{ ref('stg_raw__figures') }}
),

normalised as (
    select
        figure_id,
        document_id,
        string_split(
            trim(regexp_replace(lower(strip_accents(coalesce(measure, ''))), '[^a-z0-9]+', ' ', 'g')), ' '
        ) as words
    from figures
),

tokens as (
    select figure_id, unnest(words) as word, unnest(generate_series(1, len(words))) as pos
    from normalised
    where words <> ['']
),

ngrams as (
    select t.figure_id, t.pos, n.n, array_to_string(list_slice(nm.words, t.pos, t.pos + n.n - 1), ' ') as gram
    from tokens as t
    inner join normalised as nm using (figure_id)
    cross join range(1, 8) as n (n)
    where t.pos + n.n - 1 <= len(nm.words)
),

matches as (
    select g.figure_id, g.pos as start_pos, g.n, c.alpha3
    from ngrams as g
    inner join {{ ref('rpt_country_terms') }} as c on c.term_key = g.gram
),

-- Overlapping matches: the longest wins ("south korean" over "korean"), then the first.
kept as (
    select m.*
    from matches as m
    where not exists (
        select 1 from matches as o
        where o.figure_id = m.figure_id
            and o.start_pos <= m.start_pos + m.n - 1 and m.start_pos <= o.start_pos + o.n - 1
            and (o.n > m.n or (o.n = m.n and o.start_pos < m.start_pos))
    )
),

emitted as (
    select
        t.figure_id,
        t.pos,
        case when k.figure_id is null then t.word else lower(k.alpha3) end as token,
        k.figure_id is not null as is_country
    from tokens as t
    left join kept as k
        on k.figure_id = t.figure_id and t.pos between k.start_pos and k.start_pos + k.n - 1
    -- a country of several words is emitted once, at its first word
    where k.figure_id is null or k.start_pos = t.pos
),

-- Stopwords go before directions are read, so "imports from the U.S." is from_usa.
content as (
    select *
    from emitted
    where is_country or token not in (
        'a', 'an', 'the', 'of', 'in', 'on', 'at', 'for', 'by', 'with', 'and', 'or', 'between', 'among',
        'amongst', 'across', 'over', 's', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those',
        'both', 'two', 'countries', 'country', 'nations', 'nation', 'sides', 'side', 'bilateral', 'mutual',
        'total', 'value', 'volume', 'amount', 'worth', 'overall'
    )
),

directed as (
    select
        *,
        lead(token) over (partition by figure_id order by pos) as next_token,
        lead(is_country) over (partition by figure_id order by pos) as next_is_country
    from content
),

words as (
    select
        figure_id,
        is_country,
        case
            when is_country then token
            when token in ('to', 'into', 'towards') then 'to_' || next_token
            when token = 'from' then 'from_' || next_token
            when token in ('commerce', 'turnover') then 'trade'
            when length(token) > 4 and token like '%ies' then left(token, length(token) - 3) || 'y'
            when length(token) > 4 and regexp_matches(token, '(ss|sh|ch|x|z)es$') then left(token, length(token) - 2)
            when length(token) > 3 and token like '%s' and not regexp_matches(token, '(ss|us|is)$')
                then left(token, length(token) - 1)
            else token
        end as token
    from directed
    -- "to" and "from" count only before a country
    where is_country or token not in ('to', 'into', 'towards', 'from') or coalesce(next_is_country, false)
),

per_figure as (
    select
        n.figure_id,
        n.document_id,
        list_sort(list_distinct(list(w.token) filter (where w.is_country))) as codes,
        list_sort(list_distinct(list(w.token) filter (where not w.is_country))) as word_list
    from normalised as n
    left join words as w using (figure_id)
    group by n.figure_id, n.document_id
),

-- "imports and exports" is trade.
synonyms as (
    select
        figure_id,
        document_id,
        coalesce(codes, []) as codes,
        case
            when list_contains(word_list, 'import') and list_contains(word_list, 'export')
                then list_sort(list_distinct(list_concat(
                    list_filter(word_list, lambda w: w not in ('import', 'export')), ['trade'])))
            else coalesce(word_list, [])
        end as word_list
    from per_figure
),

implicit_pair as (
    select figure_id
    from figures
    where regexp_matches(
        lower(coalesce(measure, '')),
        '\b(bilateral|mutual|(both|two|the) (countries|nations|sides|states|economies|neighbou?rs))\b'
    )
),

document_countries as (
    select
        document_id,
        lower(country_code) as code,
        row_number() over (partition by document_id order by count(*) desc, country_code) as country_rank
    from {{ ref('int_actor_mentions_unioned') }}
    where country_code is not null
    group by document_id, country_code
),

filled as (
    select
        s.figure_id,
        case
            when s.figure_id in (select figure_id from implicit_pair) and len(s.codes) < 2
                then list_sort(list_distinct(list_concat(s.codes, coalesce((
                    select list(dc.code order by dc.country_rank)[1:2 - len(s.codes)]
                    from document_countries as dc
                    where dc.document_id = s.document_id and not list_contains(s.codes, dc.code)
                ), []))))
            else s.codes
        end as codes,
        s.word_list
    from synonyms as s
)

select
    f.figure_id,
    f.document_id,
    f.value,
    f.unit,
    f.raw_text,
    f.measure,
    nullif(array_to_string(list_concat(filled.codes, filled.word_list), ' '), '') as measure_key,
    f.period,
    nullif(array_to_string(list_sort(list_distinct(list_concat(
        list_transform(filled.codes, lambda c: upper(c)),
        list_filter(string_split(coalesce(replace(x.countries, ' ', ''), ''), ','), lambda c: c <> '')
    ))), ','), '') as countries,
    f.source,
    d.title as document_title,
    d.source as document_source,
    d.url as document_url,
    d.file_name,
    d.published_date,
    f.char_start,
    f.char_end
from figures as f
inner join filled using (figure_id)
inner join {{ ref('dim_documents') }} as d using (document_id)
left join extracted_countries as x using (figure_id)
order by d.file_name, f.char_start
