package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.plan.changes.ChangeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ChangeOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ChangeOptions changes;
    }

    private static ChangeOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.changes;
    }

    @Test
    void noFlagsMeansNoChangeDetection() {
        assertThat(parse().toRequest()).isNull();
    }

    @Test
    void everyFlagReachesTheRequest() {
        ChangeRequest req = parse("--changed", "--base", "main", "--head", "feature", "--explain").toRequest();

        assertThat(req).isEqualTo(new ChangeRequest(true, "main", "feature", List.of(), false, false, true));
    }

    @Test
    void filesAreCommaSeparatedAndRepeatable() {
        ChangeRequest req = parse("--files", "a/x.txt,b/y.txt", "--files", "c.txt").toRequest();

        assertThat(req.changed()).isTrue();
        assertThat(req.files()).containsExactly("a/x.txt", "b/y.txt", "c.txt");
    }

    @Test
    void anyCompanionFlagImpliesChanged() {
        assertThat(parse("--uncommitted", "--untracked").toRequest())
                .isEqualTo(new ChangeRequest(true, null, null, List.of(), true, true, false));
        assertThat(parse("--base", "develop").describe()).isEqualTo("--base develop");
    }
}
