package dev.orun.core.state;

import dev.orun.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds state-backend providers on the class path through {@link ServiceLoader}. Called by the
 * embedding API and the CLI from the thread that sets up a run or a command.
 */
public final class StateBackends {

    /** The backend used when none is named: the local records under {@code .orun/executions/}. */
    public static final String DEFAULT = "file";

    private StateBackends() {
    }

    /** Every provider visible to {@code loader}, sorted by name. */
    public static List<StateBackendProvider> available(ClassLoader loader) {
        TreeMap<String, StateBackendProvider> byName = new TreeMap<>();
        for (StateBackendProvider provider : ServiceLoader.load(StateBackendProvider.class, loader)) {
            byName.putIfAbsent(provider.name(), provider);
        }
        return new ArrayList<>(byName.values());
    }

    public static List<StateBackendProvider> available() {
        return available(StateBackends.class.getClassLoader());
    }

    /** The provider called {@code name}; an unknown name fails with exit 2 and lists the known ones. */
    public static StateBackendProvider find(String name) {
        List<StateBackendProvider> providers = available();
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown state backend \"" + name
                        + "\" (available: " + String.join(", ",
                        providers.stream().map(StateBackendProvider::name).toList()) + ")"));
    }
}
