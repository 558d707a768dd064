package dev.orun.cli;

import dev.orun.core.runner.RunnerPlugins;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.Runners;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import picocli.CommandLine;

/**
 * The "Runners:" section of {@code orun run --help}: the runners this installation really found
 * (built in and plugins), each with its {@link RunnerProvider#description()}. Computed only when
 * help is shown.
 */
final class RunnersHelp {

    private static final String SECTION = "runners";

    private RunnersHelp() {
    }

    static void addTo(CommandLine run) {
        // a class, not a lambda: see the exception handlers in Main
        run.getHelpSectionMap().put(SECTION, new Section());
        List<String> keys = new ArrayList<>(run.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
        run.setHelpSectionKeys(keys);
    }

    private static final class Section implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            return text();
        }
    }

    static String text() {
        StringBuilder text = new StringBuilder(System.lineSeparator() + "Runners (--runner NAME; plugins: jars in $"
                + RunnerPlugins.PATH_VARIABLE + " or ~/.orun/plugins/):" + System.lineSeparator());
        try {
            List<RunnerProvider> providers = Runners.available();
            int width = providers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
            for (RunnerProvider provider : providers) {
                text.append(String.format("  %-" + width + "s  %s%n", provider.name(), provider.description()));
            }
        } catch (ServiceConfigurationError e) {
            text.append("  (a runner plugin cannot be loaded: ").append(e.getMessage()).append(")")
                    .append(System.lineSeparator());
        }
        return text.toString();
    }
}
