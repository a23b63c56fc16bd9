select
    file_name,
    record_name,
    reason,
    outcome,
    rejected_at
from {{ source('raw', 'rejected_files') }}
