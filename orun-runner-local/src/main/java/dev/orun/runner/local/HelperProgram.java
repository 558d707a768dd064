package dev.orun.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The program a {@link HelperSandbox} starts once per run: the compiled helper
 * ({@link CompiledHelperProgram}) or the perl one ({@link PerlHelperProgram}). Both speak the same
 * protocol (described in {@code sandbox-helper.c} and {@code sandbox-helper.pl}).
 */
interface HelperProgram {

    /** How steps are isolated, for {@code --dry-run} and the run's header. */
    String mechanism();

    /** Makes the program ready to start (compiles it if need be): empty when it is, else why not. */
    Optional<String> prepare();

    /** The helper's command line: it sends each step's output to {@code socket}, maps uid and gid to themselves. */
    List<String> command(Path socket, String uid, String gid);

    /** A helper's source shipped in the runner's jar beside this interface. */
    static String bundledSource(String name) {
        try (InputStream in = HelperProgram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the runner's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
