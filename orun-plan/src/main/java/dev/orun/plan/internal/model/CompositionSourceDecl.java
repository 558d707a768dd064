package dev.orun.plan.internal.model;

/** One {@code compositions.sources[]} entry: {@code kind} is {@code dir} or {@code archive}. */
public record CompositionSourceDecl(String name, String kind, String path, int line) {
}
