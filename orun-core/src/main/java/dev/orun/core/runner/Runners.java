package dev.orun.core.runner;

import dev.orun.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds runner providers on the class path through {@link ServiceLoader}. Called by the engine
 * (and the CLI's help) on the thread that starts a run; stateless, so any thread may call it.
 */
public final class Runners {

    private Runners() {
    }

    /** Every provider, sorted by name. */
    public static List<RunnerProvider> available(ClassLoader loader) {
        TreeMap<String, RunnerProvider> byName = new TreeMap<>();
        for (RunnerProvider provider : ServiceLoader.load(RunnerProvider.class, loader)) {
            byName.putIfAbsent(provider.name(), provider);
        }
        return new ArrayList<>(byName.values());
    }

    public static List<RunnerProvider> available() {
        return available(Thread.currentThread().getContextClassLoader());
    }

    /** The provider called {@code name}; an unknown name fails with exit 2 and lists the known ones. */
    public static RunnerProvider find(String name) {
        List<RunnerProvider> providers = available();
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown runner \"" + name
                        + "\" (available: " + String.join(", ",
                        providers.stream().map(RunnerProvider::name).toList()) + ")"));
    }
}
