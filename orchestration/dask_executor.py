"""Dagster's Dask executor (dagster-dask), with each step's arguments sealed from Dask's parser.

distributed 2024.12 and later walk every tuple passed to `Client.submit` looking for
futures. Dagster's run record is a named tuple whose run-concurrency record refuses
iteration, so dagster-dask 0.29's executor fails as soon as a job has a pool (ours
do: the DuckDB writer pool). Here the step's arguments travel inside one opaque
object; the dependencies stay a list of futures, so Dask still orders the steps.
Everything else (cluster config, the worker-side step function) is dagster-dask's.
"""
from __future__ import annotations

import dagster as dg
import dask.distributed
from dagster._core.definitions.executor_definition import executor
from dagster._core.errors import raise_execution_interrupts
from dagster._utils import iterate_with_context
from dagster_dask.executor import DaskExecutor, dask_executor, get_dask_resource_requirements, query_on_dask_worker


class _Sealed:
    """A box Dask's argument parser does not open."""

    def __init__(self, value: tuple) -> None:
        self.value = value


def _run_step(dependencies: list, sealed: _Sealed):
    """Runs on a Dask worker once the steps it depends on are done."""
    return query_on_dask_worker(dependencies, *sealed.value)


class SealedDaskExecutor(DaskExecutor):
    """An existing scheduler (`existing: {address}`) or a local cluster (`local: {...}`)."""

    def execute(self, plan_context, execution_plan):
        if not plan_context.instance.is_persistent:
            raise dg.DagsterInvariantViolationError("Dask execution requires a persistent DagsterInstance")
        if self.cluster_type == "existing":
            cluster = self.cluster_configuration["address"]
        elif self.cluster_type == "local":
            cluster = dask.distributed.LocalCluster(**self.build_dict(plan_context.job_name))
        else:
            raise dg.DagsterInvariantViolationError(
                f"cluster type {self.cluster_type!r}: use 'existing' (a scheduler address) or 'local'")
        futures: dict[str, dask.distributed.Future] = {}
        with dask.distributed.Client(cluster) as client:
            for step_level in execution_plan.get_steps_to_execute_by_level():
                for step in step_level:
                    dependencies = [futures[key] for step_input in step.step_inputs
                                    for key in step_input.dependency_keys]
                    sealed = _Sealed((plan_context.reconstructable_job, plan_context.dagster_run,
                                      plan_context.run_config, [step.key], plan_context.instance.get_ref(),
                                      execution_plan.known_state))
                    futures[step.key] = client.submit(
                        _run_step, dependencies, sealed, key=f"{plan_context.job_name}.{step.key}",
                        resources=get_dask_resource_requirements(step.tags))
            done = dask.distributed.as_completed(list(futures.values()), with_results=True)
            for _future, events in iterate_with_context(raise_execution_interrupts, done):
                yield from events


@executor(name="dask", config_schema=dask_executor.config_schema,
          requirements=dg.multiple_process_executor_requirements())
def sealed_dask_executor(init_context):
    ((cluster_type, cluster_configuration),) = init_context.executor_config["cluster"].items()
    return SealedDaskExecutor(cluster_type, cluster_configuration)
