package dev.orun.exec.internal;

/**
 * Cancellation of one job. The job's thread is interrupted only while it is inside the runner (so
 * the runner stops the step's processes, as the runner SPI specifies); elsewhere — writing state,
 * for instance — an interrupt could break file I/O, so the job checks {@link #check()} between
 * steps instead.
 */
final class CancelToken {

    private Thread runnerThread;
    private boolean cancelled;
    private String reason = "cancelled";

    synchronized void cancel() {
        cancel("cancelled");
    }

    /** Cancels with a reason other than the user's interrupt (e.g. the job's lease was lost). */
    synchronized void cancel(String why) {
        if (!cancelled) {
            reason = why;
        }
        cancelled = true;
        if (runnerThread != null) {
            runnerThread.interrupt();
        }
    }

    synchronized String reason() {
        return reason;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** @throws InterruptedException when the job was cancelled */
    synchronized void check() throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
    }

    /** Marks the calling thread as inside the runner; fails when already cancelled. */
    synchronized void enterRunner() throws InterruptedException {
        check();
        runnerThread = Thread.currentThread();
    }

    /** Leaves the runner; clears an interrupt that raced with a step ending normally. */
    synchronized void leaveRunner() {
        runnerThread = null;
        Thread.interrupted();
    }
}
