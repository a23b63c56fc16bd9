{{ config(materialized='view') }}
-- How the reporting layer recognises a country in free text (quotes, measure names):
-- its name, its demonym and its capital (used as metonym: "Beijing", "Moscow"), from the
-- ref_countries seed. `term` keeps its case for matching quotes (names are capitalised
-- in English); `term_key` is the lowercase, accent-free, punctuation-free form used in
-- measure keys. A term shared by several countries ("Chinese", "American", "Congolese")
-- goes to the country with the shortest name (China, United States), which is the one
-- it names in news text. Capitals that are also common given names or words
-- ("Victoria", "Hamilton", "Male") are left out, and so are seed terms under 4 letters.
-- Other names news text uses ("U.S.", "UK", "PRC", "Washington") come from the
-- ref_country_aliases seed, generated from the same reference module the extraction uses.
-- Matching is by whole words, on n-grams of words: `term_words` says how long a term is;
-- `term_cased` is the term's words with their case (accents and punctuation removed:
-- "U.S." -> "U S") for matching quotes, where case tells "US" from "us".
-- A view: only the tables of `reporting` are published.
with terms as (
    select alpha3, name, name as term, 1 as term_rank from {{ ref('ref_countries') }}
    union all
    select alpha3, name, demonym, 2 from {{ ref('ref_countries') }}
    union all
    select a.alpha3, c.name, a.alias, case a.kind when 'capital' then 3 else 0 end
    from {{ ref('ref_country_aliases') }} as a inner join {{ ref('ref_countries') }} as c using (alpha3)
    union all
    select alpha3, name, capital, 3 from {{ ref('ref_countries') }}
    where capital not in (
        'Victoria', 'City of Victoria', 'Hamilton', 'Douglas', 'Stanley', 'Kingston', 'Plymouth',
        'Jamestown', 'Georgetown', 'George Town', 'Santiago', 'Lima', 'Sucre', 'Malé', 'Praia',
        'Roseau', 'Saint-Denis', 'Saint-Pierre', 'Road Town', 'The Valley', 'West Island',
        'King Edward Point', 'Flying Fish Cove', 'Gibraltar', 'Luxembourg', 'Monaco', 'Singapore',
        'Djibouti', 'Kuwait City', 'Panama City', 'Guatemala City', 'Mexico City', 'Vatican City State',
        'City of San Marino', 'Diego Garcia', 'Adamstown', 'Basse-Terre', 'Marigot', 'Cayenne'
    )
),

keyed as (
    select
        alpha3,
        name,
        trim(term) as term,
        term_rank,
        trim(regexp_replace(lower(strip_accents(trim(term))), '[^a-z0-9]+', ' ', 'g')) as term_key
    from terms
    where term is not null and (length(trim(term)) >= 4 or term_rank = 0)
),

chosen as (
    select
        term_key,
        arg_min(term, length(name) * 10 + term_rank) as term,
        arg_min(alpha3, length(name) * 10 + term_rank) as alpha3,
        len(string_split(term_key, ' ')) as term_words
    from keyed
    where term_key <> ''
    group by term_key
)

select
    term_key,
    term,
    trim(regexp_replace(strip_accents(term), '[^A-Za-z0-9]+', ' ', 'g')) as term_cased,
    alpha3,
    term_words
from chosen
