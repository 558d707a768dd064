package dev.orun.plan.changes;

/**
 * A composition type and where its files are, relative to the workspace root.
 *
 * @param type      the component type the composition serves
 * @param sourceDir the composition source root (a directory, or an archive file)
 * @param typeDir   the type's own folder inside the source; null when unknown (an archive)
 */
public record CompositionLocation(String type, String sourceDir, String typeDir) {

    public CompositionLocation {
        sourceDir = sourceDir == null ? null : WorkspacePaths.cleanDir(sourceDir);
        typeDir = typeDir == null ? null : WorkspacePaths.cleanDir(typeDir);
    }
}
