"""The job process: a job runs in a process of its own, on the real Neo4j, and its outcome, its
errors and the loss of its process reach the caller."""

from __future__ import annotations

import os

import pytest

from graph import Database, Neo4jSettings
from services import JobProcess, JobProcessLost, Services
from services._job_process import JOB_NICENESS


async def where_and_what(db: Database, actor: str, input: int) -> tuple[int, str, int]:
    """A verb: the process it ran in, and a value Neo4j computed on its driver."""
    async with db.driver.session(database=db.name) as session:
        record = await (await session.run("RETURN $n * 2 AS twice", n=input)).single()
    assert record is not None
    return os.getpid(), actor, int(record["twice"])


async def priority(db: Database, actor: str, input: None) -> int:
    """A verb: how nice its process is."""
    return os.nice(0)


async def refuses(db: Database, actor: str, input: str) -> None:
    """A verb that fails as a job may: with a value the caller can read."""
    raise ValueError(input)


async def dies(db: Database, actor: str, input: int) -> None:
    """A verb whose process is killed halfway (by the out-of-memory killer, say)."""
    os._exit(input)


@pytest.fixture
def jobs(neo4j_settings: Neo4jSettings) -> JobProcess:
    process = JobProcess(neo4j_settings)
    yield process  # type: ignore[misc]
    process.close()


async def test_a_job_runs_in_another_process_on_a_database_of_its_own(jobs: JobProcess) -> None:
    pid, actor, twice = await jobs.run(where_and_what, "data-team", 21)
    assert (actor, twice) == ("data-team", 42)
    assert pid != os.getpid()
    again, _, _ = await jobs.run(where_and_what, "data-team", 1)
    assert again == pid  # one process, kept for the next job


async def test_the_job_process_yields_to_the_serving_process(jobs: JobProcess) -> None:
    assert await jobs.run(priority, "data-team", None) == min(19, os.nice(0) + JOB_NICENESS)


async def test_services_run_a_job_in_the_job_process_and_a_verb_in_this_one(
    jobs: JobProcess, db: Database
) -> None:
    services = Services(db, jobs)
    job_pid, _, _ = await services.run_job(where_and_what, "data-team", 1)
    here_pid, _, _ = await services.run(where_and_what, "data-team", 1)
    assert job_pid != os.getpid()
    assert here_pid == os.getpid()


async def test_without_a_job_process_a_job_runs_here(db: Database) -> None:
    pid, _, twice = await Services(db).run_job(where_and_what, "data-team", 2)
    assert (pid, twice) == (os.getpid(), 4)


async def test_a_jobs_error_is_raised_to_the_caller_as_it_was(jobs: JobProcess) -> None:
    with pytest.raises(ValueError, match="no such framework"):
        await jobs.run(refuses, "data-team", "no such framework")


async def test_a_lost_process_fails_its_job_and_the_next_job_starts_another(
    jobs: JobProcess,
) -> None:
    first, _, _ = await jobs.run(where_and_what, "data-team", 1)
    with pytest.raises(JobProcessLost):
        await jobs.run(dies, "data-team", 9)
    second, _, twice = await jobs.run(where_and_what, "data-team", 5)
    assert twice == 10
    assert second != first
