package dev.orun.plan.internal.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of a composition source: a directory on disk or an archive read into memory. */
interface SourceTree {

    /** Every regular file, as a slash-separated path relative to the tree root, sorted. */
    List<String> files();

    /** The text of a file, empty when it does not exist. */
    Optional<String> read(String relPath);

    /** How a file is named in error messages. */
    Path display(String relPath);
}
