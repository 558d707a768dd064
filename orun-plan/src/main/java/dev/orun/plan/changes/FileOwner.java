package dev.orun.plan.changes;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one changed file maps to.
 *
 * @param path       the file, relative to the workspace root
 * @param components components that own it (deepest directory, or the manifest's component)
 * @param types      composition types whose files it is (every component of those types counts)
 * @param reason     why it maps to no component, or a note ("intent.yaml", "component manifest")
 */
public record FileOwner(String path, SortedSet<String> components, SortedSet<String> types,
                        String reason) {

    public FileOwner {
        components = new TreeSet<>(components);
        types = new TreeSet<>(types);
    }

    public boolean ownedByNothing() {
        return components.isEmpty() && types.isEmpty();
    }
}
