-- How many of a job's dependencies have not succeeded yet. The transaction that records a success
-- decrements the job's dependents, so the frontier (queued jobs with nothing left to wait for) is
-- one index range scan instead of a scan of the whole run (docs/decisions/backend-group-commit.md).
ALTER TABLE run_jobs ADD COLUMN deps_left INT NOT NULL DEFAULT 0;

UPDATE run_jobs j SET deps_left = (
  SELECT COUNT(*) FROM run_job_deps d JOIN run_jobs p ON p.run_id = d.run_id AND p.job_id = d.dep_id
  WHERE d.run_id = j.run_id AND d.job_id = j.job_id AND p.phase NOT IN ('succeeded', 'memoized'));

CREATE INDEX run_jobs_frontier ON run_jobs (run_id, phase, deps_left, job_id);

-- A job's dependents, for that decrement.
CREATE INDEX run_job_deps_by_dep ON run_job_deps (run_id, dep_id);
