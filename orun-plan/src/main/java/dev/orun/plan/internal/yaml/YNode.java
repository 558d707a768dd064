package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;

/** A parsed YAML node that remembers where it came from, so errors can say {@code file:line}. */
public sealed interface YNode permits YMap, YList, YScalar {

    /** The file as shown in error messages (relative to the workspace root where possible). */
    Path file();

    /** 1-based line of the node's start. */
    int line();

    /** The plain Java value: maps, lists, strings, longs, doubles, booleans and nulls. */
    Object toValue();

    default InvalidInputException error(String message) {
        return InvalidInputException.at(file(), line(), message);
    }

    default String kindName() {
        if (this instanceof YMap) {
            return "a mapping";
        }
        return this instanceof YList ? "a list" : "a scalar";
    }
}
