select
    meeting_id,
    document_id,
    arg_min(evidence, char_start) as evidence
from {{ ref('int_meetings_deduplicated') }}
group by meeting_id, document_id
