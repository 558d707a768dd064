package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line builds only the subcommand it runs (start-up time), and still answers every
 * command line the way the whole tree does: help, typos, options before the command.
 */
class SubcommandsTest {

    private static final CliEnvironment ENV = CliEnvironment.of(Map.of());

    @Test
    void findsTheCommandWordAfterOrunsOwnOptions() {
        assertThat(Subcommands.commandWord("status", "--json")).isEqualTo("status");
        assertThat(Subcommands.commandWord("-i", "status", "logs")).as("-i takes a value").isEqualTo("logs");
        assertThat(Subcommands.commandWord("--intent", "x.yaml", "run", "--dry-run")).isEqualTo("run");
        assertThat(Subcommands.commandWord("--intent=x.yaml", "-ix.yaml", "plan")).isEqualTo("plan");
        assertThat(Subcommands.commandWord("--version")).isNull();
        assertThat(Subcommands.commandWord("-i")).isNull();
        assertThat(Subcommands.commandWord("--", "status")).as("left to picocli with all commands").isNull();
    }

    @Test
    void buildsOnlyTheCommandThatRuns() {
        assertThat(Main.newCommandLine(ENV, "-i", "x.yaml", "status", "--exec-id", "a").getSubcommands())
                .containsOnlyKeys("status");
        assertThat(Main.newCommandLine(ENV, "logs", "--failed").getSubcommands()).containsOnlyKeys("logs");
        assertThat(Main.newCommandLine(ENV, "--version").getSubcommands()).isEmpty();
    }

    @Test
    void buildsEveryCommandWhenTheAnswerNeedsThem() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"stauts"}, {"--bogus"}, {"generate-completion"},
                {"__complete", "0", "--", "s"}}) {
            assertThat(Main.newCommandLine(ENV, args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Subcommands.ALL.keySet());
        }
    }

    @Test
    void theRegistryNamesEachCommandAsItsAnnotationDoes() {
        Subcommands.ALL.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name));
        assertThat(Main.class.getAnnotation(CommandLine.Command.class).subcommands())
                .as("subcommands are added by Main, one at a time").isEmpty();
    }

    @Test
    void helpVersionAndTyposReadAsWithTheWholeTree() {
        Cli help = Cli.run(ENV, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("plan", "validate", "run", "status", "logs", "actions", "generate-completion")
                .doesNotContain("__complete");

        Cli statusHelp = Cli.run(ENV, "status", "--help");
        assertThat(statusHelp.exitCode()).isZero();
        assertThat(statusHelp.out()).startsWith("Usage: orun status").contains("--exec-id");

        Cli version = Cli.run(ENV, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("orun ");

        assertThat(Cli.run(ENV, "statsu").err()).startsWith("orun: unknown command 'statsu'; did you mean 'status'?");
        assertThat(Cli.run(ENV).err()).startsWith("orun: a command is required");
    }
}
