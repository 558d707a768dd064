package dev.orun.runner.local;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A step started as a child process of orun (unsandboxed, or through the {@link NamespaceSandbox}),
 * its process tree found by the step's tracking id ({@link ProcessTrees}).
 *
 * @param sandboxed the process has its own PID namespace, which the kernel empties when it ends,
 *                  so there are no leftovers to look for
 */
record ProcessStep(Process process, String trackingId, boolean sandboxed) implements RunningStep {

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public boolean waitFor(long timeoutMillis) throws InterruptedException {
        if (timeoutMillis < 0) {
            process.waitFor();
            return true;
        }
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void stopLeftovers() {
        if (!sandboxed) {
            ProcessTrees.stopLeftovers(process, trackingId);
        }
    }

    @Override
    public void destroyTree() {
        ProcessTrees.destroyTree(process, trackingId);
    }
}
