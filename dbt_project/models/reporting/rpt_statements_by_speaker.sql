-- Statements by speaker over time: one row per speaker, month and kind (direct quote or
-- reported speech). The month is the statement's own date, else the article's published
-- date; statements with neither are counted under 'undated' (statement_month null).
-- Statements whose speaker could not be found have a null speaker.
select
    speaker_actor_id,
    speaker_name,
    speaker_type,
    speaker_country,
    statement_month,
    coalesce(strftime(statement_month, '%Y-%m'), 'undated') as period_label,
    statement_kind,
    cast(count(*) as integer) as statements,
    cast(count(distinct document_id) as integer) as documents
from {{ ref('rpt_statements') }}
group by all
order by speaker_name nulls last, statement_month nulls last, statement_kind
