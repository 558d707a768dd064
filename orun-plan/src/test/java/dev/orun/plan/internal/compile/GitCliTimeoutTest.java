package dev.orun.plan.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The git command line is given a deadline that holds even while it keeps its output open. */
class GitCliTimeoutTest {

    @Test
    void aCommandThatNeverAnswersIsStoppedAtTheDeadline() {
        long started = System.nanoTime();

        String out = GitCli.output(List.of("sh", "-c", "echo partial; sleep 30"),
                Duration.ofMillis(300));

        assertThat(out).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCommandThatAnswersGivesItsStrippedOutputAndAFailureGivesNothing() {
        assertThat(GitCli.output(List.of("sh", "-c", "echo '  abc  '"), Duration.ofSeconds(10)))
                .isEqualTo("abc");
        assertThat(GitCli.output(List.of("sh", "-c", "echo x; exit 3"), Duration.ofSeconds(10)))
                .isNull();
    }
}
