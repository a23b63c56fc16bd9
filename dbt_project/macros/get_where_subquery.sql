{#- What a data test reads. dbt's own version applies the test's `where` config; this one
    also narrows the tests that judge each row on its own (not_null, accepted_values,
    expression_is_true, offsets_slice_text) on models with a document_id to the articles a
    build changed, when the pipeline lists them in raw.dbt_test_scope. A build that only
    added or edited articles then checks their rows, not the whole warehouse again (a list
    holding only '' checks none: the build only removed articles). An empty list means every
    row: full builds, `dbt build` run by hand, and CI. Tests that compare rows with each
    other (unique, relationships) always read every row. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set test_name = (model.get('test_metadata') or {}).get('name') -%}
    {%- set tested = (graph.get('nodes') or {}).get(model.get('attached_node') or '', {}) -%}
    {%- set by_document = test_name in ('not_null', 'accepted_values', 'expression_is_true', 'offsets_slice_text')
        and 'document_id' in (tested.get('columns') or {}) -%}
    {#- a working database from before the scope existed: every row -#}
    {%- set scope = adapter.get_relation(database=target.database, schema='raw', identifier='dbt_test_scope')
        if by_document and execute else none -%}
    {%- if scope is not none -%}
        {%- set filtered -%}
            (select * from {{ relation }}
             where ({{ where or 'true' }})
                and (not exists (select 1 from {{ scope }})
                     or document_id in (select document_id from {{ scope }}))) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- elif where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
