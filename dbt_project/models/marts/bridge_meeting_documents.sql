select
    meeting_id,
    document_id,
    arg_min(evidence, char_start) as evidence
from {{ ref('int_meetings_deduplicated') }}
group by meeting_id, document_id
-- In the extractor's order: the meetings an article reports as held, then those it reports as
-- planned, each in reading order.
order by document_id, min(meeting_index), meeting_id
