package dev.orun.exec;

import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import java.util.List;

/** A runner an embedder passed in: used like any other, but {@link #close()} leaves it open. */
final class BorrowedRunner implements Runner {

    private final Runner delegate;

    BorrowedRunner(Runner delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String context() {
        return delegate.context();
    }

    @Override
    public void checkAvailable() {
        delegate.checkAvailable();
    }

    @Override
    public boolean runsActions() {
        return delegate.runsActions();
    }

    @Override
    public boolean evaluatesConditions() {
        return delegate.evaluatesConditions();
    }

    @Override
    public void checkJobs(List<dev.orun.core.plan.Job> jobs, java.nio.file.Path workspace) {
        delegate.checkJobs(jobs, workspace);
    }

    @Override
    public List<String> describe(JobContext job) {
        return delegate.describe(job);
    }

    @Override
    public JobSession startJob(JobContext job) throws InterruptedException {
        return delegate.startJob(job);
    }

    @Override
    public void close() {
        // the embedder that created the runner closes it
    }
}
