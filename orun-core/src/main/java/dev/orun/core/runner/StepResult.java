package dev.orun.core.runner;

/**
 * How a step ended. <b>Made by</b> a runner, returned from {@link JobSession#runStep}; the engine
 * records it (status, exit code, error) on the job's thread. Immutable.
 *
 * @param exitCode the process exit code (-1 when there was no process)
 * @param timedOut the step was stopped because its timeout passed
 * @param error    a one-line reason when the step could not run or was stopped, else {@code null}
 */
public record StepResult(int exitCode, boolean timedOut, String error) {

    public static StepResult exited(int exitCode) {
        return new StepResult(exitCode, false, null);
    }

    public static StepResult timedOut(String error) {
        return new StepResult(-1, true, error);
    }

    public static StepResult notRun(String error) {
        return new StepResult(-1, false, error);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && error == null;
    }
}
