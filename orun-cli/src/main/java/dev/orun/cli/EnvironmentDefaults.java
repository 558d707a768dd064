package dev.orun.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Resolves an option's {@code defaultValue = "${env:NAME}"} from the command's
 * {@link CliEnvironment}, so the variable behind a flag can be given in-process. When the
 * variable is not there, picocli's own lookup of the same expression applies.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    private static final Pattern ENV_ONLY = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final CliEnvironment environment;

    EnvironmentDefaults(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        // the annotation's text as written: ArgSpec only offers it already interpolated
        if (!(argument.userObject() instanceof AnnotatedElement element)
                || element.getAnnotation(CommandLine.Option.class) == null) {
            return null;
        }
        String declared = element.getAnnotation(CommandLine.Option.class).defaultValue();
        Matcher matcher = ENV_ONLY.matcher(declared);
        if (!matcher.matches()) {
            return null;
        }
        String value = environment.get(matcher.group(1));
        return value == null || value.isBlank() ? null : value;
    }
}
