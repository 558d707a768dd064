package dev.orun.cli;

import dev.orun.plan.PlanWarning;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --strict}, and how every compiling command reports warnings: each once on stderr; under
 * {@code --strict} any warning refuses the command before it writes anything
 * (docs/decisions/plan-warnings.md).
 */
public final class StrictOption {

    @Option(names = "--strict", description = "Treat warnings as errors: exit 2 and write nothing.")
    boolean strict;

    /**
     * Prints the warnings; returns true when the command must stop with exit code 2.
     */
    public boolean refuses(List<PlanWarning> warnings, PrintWriter err) {
        warnings.forEach(warning -> err.println(warning));
        err.flush();
        return strict && !warnings.isEmpty();
    }
}
