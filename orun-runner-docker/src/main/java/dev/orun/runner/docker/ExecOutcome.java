package dev.orun.runner.docker;

/** How one command inside a container ended: its exit code, or stopped by the time limit. */
record ExecOutcome(int exitCode, boolean timedOut) {
}
