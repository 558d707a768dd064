-- A job's dependents, read by (run, dependency) with the dependent's id in the index itself, so
-- the read is an index-only range scan on both engines whatever the planner's statistics say
-- (PostgreSQL preferred a scan of the whole run's primary-key range while a table had none).
-- Replaces run_job_deps_by_dep of V2 (docs/decisions/backend-throughput.md).
CREATE INDEX run_job_deps_dependents ON run_job_deps (run_id, dep_id, job_id);
DROP INDEX run_job_deps_by_dep;
