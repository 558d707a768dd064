package dev.orun.plan.internal.model;

/**
 * One {@code compositions.sources[]} entry: {@code kind} is {@code dir} or {@code archive} (with a
 * {@code path}) or {@code oci} (with a {@code ref} and an optional {@code digest} pin; path null).
 */
public record CompositionSourceDecl(String name, String kind, String path, String ref, String digest, int line) {

    public CompositionSourceDecl(String name, String kind, String path, int line) {
        this(name, kind, path, null, null, line);
    }
}
