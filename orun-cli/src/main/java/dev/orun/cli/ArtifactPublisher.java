package dev.orun.cli;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.RunRecords;
import dev.orun.runner.gha.artifact.ActionsArtifactClient;
import dev.orun.runner.gha.artifact.JobShard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --artifact github}: after each job ends (succeeded or not) uploads its shard
 * ({@link JobShard}) as a GitHub Actions artifact. Best effort: a failure prints one warning
 * line and never changes the run's outcome or exit code.
 */
final class ArtifactPublisher implements ProgressListener {

    private final ProgressListener next;
    private final Plan plan;
    private final Path orunDir;
    private final Map<String, String> environment;
    private final PrintStream err;
    private volatile String execId;

    ArtifactPublisher(ProgressListener next, Plan plan, Path orunDir, Map<String, String> environment,
                      PrintStream err) {
        this.next = next;
        this.plan = plan;
        this.orunDir = orunDir;
        this.environment = environment;
        this.err = err;
    }

    @Override
    public void onEvent(ProgressEvent event) {
        next.onEvent(event);
        if (event instanceof ProgressEvent.RunStarted started) {
            execId = started.execId();
        } else if (event instanceof ProgressEvent.JobFinished finished && execId != null) {
            publish(finished.jobId());
        }
    }

    private void publish(String jobId) {
        String name = JobShard.artifactName(execId, jobId);
        try (RunRecords records = RunLookup.records(orunDir)) {
            Map<String, byte[]> files = JobShard.collect(plan, records,
                    RunLookup.load(records, execId, orunDir), jobId);
            ActionsArtifactClient.fromEnvironment(environment).upload(name, files);
        } catch (ActionsArtifactClient.ArtifactException | RuntimeException e) {
            err.println("warning: artifact " + name + " not uploaded: " + e.getMessage());
        }
    }
}
