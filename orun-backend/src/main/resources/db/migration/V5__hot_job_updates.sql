-- Fewer, steadier indexes on run_jobs, so that most job updates touch no index at all
-- (docs/decisions/backend-throughput.md). PostgreSQL can keep an update on the row's page without
-- new index entries (a HOT update) only when no indexed column changes; every verb changed one
-- (phase, lease_expires_at or deps_left), so each wrote three index entries.
--
-- One index serves both readers that need more than the primary key:
--   the frontier:  phase = 'queued' AND run_id = ? AND deps_left = 0 ORDER BY job_id (one range);
--   the sweep:     phase = 'claimed' AND lease_expires_at <= ?, across runs (the claimed jobs
--                  only, however many runs there are; the lease times are read from their rows).
-- lease_expires_at is no longer indexed, so a heartbeat is a HOT update, and a claim, a completion
-- or a dependency count writes two index entries instead of three.
CREATE INDEX run_jobs_by_phase ON run_jobs (phase, run_id, deps_left, job_id);
DROP INDEX run_jobs_frontier;
DROP INDEX run_jobs_leases;
