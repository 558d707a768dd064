package dev.orun.backend.testing;

import dev.orun.backend.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The embedded database exactly as {@code serve} opens it, in a temp directory. */
public final class H2TestDatabase implements TestDatabase {
  private final Path dir;

  public H2TestDatabase() {
    try {
      dir = Files.createTempDirectory("orun-backend-h2-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  @Override
  public Database open() {
    try {
      return Database.openEmbedded(dir, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String jdbcUrl() {
    return Database.embeddedUrl(dir);
  }

  @Override
  public String describe() {
    return "H2 in " + dir;
  }

  @Override
  public void close() {
    printTrace();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  /**
   * H2 writes the stack traces of its own errors only to its trace file, which the directory's
   * removal would take with it: a test that failed on an H2 error (a bare "IO Exception" in the
   * server's log) keeps its cause in the test output.
   */
  private void printTrace() {
    Path trace = dir.resolve("orun.trace.db");
    if (Files.isRegularFile(trace)) {
      try {
        System.err.println("H2 trace of " + dir + ":\n" + Files.readString(trace));
      } catch (IOException e) {
        System.err.println("H2 trace of " + dir + " unreadable: " + e);
      }
    }
  }
}
