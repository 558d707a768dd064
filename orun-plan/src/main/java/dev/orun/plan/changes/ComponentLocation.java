package dev.orun.plan.changes;

import java.util.List;

/**
 * Where a component lives, as change detection needs it. Independent of the compiler's model so the
 * two can evolve separately.
 *
 * @param name         component name
 * @param dir          directory the component owns, relative to the workspace root, '/'-separated
 *                     ("." for the root); null when it owns no files (an inline component without
 *                     a path)
 * @param type         composition type
 * @param manifestPath its {@code component.yaml}, relative to the workspace root; null when inline
 * @param watches      intent.yaml sections ({@code env}, {@code groups}, …) whose changes select it
 * @param environments the environments the component has instances in (exact names)
 */
public record ComponentLocation(String name, String dir, String type, String manifestPath,
                                List<String> watches, List<String> environments) {

    public ComponentLocation {
        dir = dir == null ? null : WorkspacePaths.cleanDir(dir);
        manifestPath = manifestPath == null ? null : WorkspacePaths.clean(manifestPath);
        watches = watches == null ? List.of() : List.copyOf(watches);
        environments = environments == null ? List.of() : List.copyOf(environments);
    }

    public boolean inline() {
        return manifestPath == null;
    }
}
