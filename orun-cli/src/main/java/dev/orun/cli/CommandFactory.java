package dev.orun.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands for picocli, giving a {@link CliEnvironment} to those whose constructor asks
 * for one; everything else is made by picocli's own factory.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final CliEnvironment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withEnvironment;
        try {
            withEnvironment = type.getDeclaredConstructor(CliEnvironment.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
        return withEnvironment.newInstance(environment);
    }
}
