{#- Every fact points at its own words: dim_documents.body_text[char_start:char_end] (0-based,
    end exclusive) is exactly text_column. Returns the rows whose offsets slice something else. -#}
{% test offsets_slice_text(model, text_column) %}
select facts.document_id, facts.char_start, facts.char_end, facts.{{ text_column }}
from (select * from {{ model }}) as facts  -- a subquery when the test reads a scope of rows
inner join {{ ref('dim_documents') }} as documents using (document_id)
where facts.char_start is null
    or facts.char_end is null
    or substr(documents.body_text, facts.char_start + 1, facts.char_end - facts.char_start)
        is distinct from facts.{{ text_column }}
{% endtest %}
