select
    meeting_id,
    document_id,
    arg_min(evidence, char_start) as evidence
from {{ ref('int_meetings_deduplicated') }}
group by meeting_id, document_id
-- In reading order, so a document's meetings list as the article tells them.
order by document_id, min(char_start), meeting_id
