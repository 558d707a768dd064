package dev.orun.backend.auth;

import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TrustStore;
import dev.orun.backend.store.TrustStore.Binding;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** Manages which GitHub repositories (and refs) may exchange OIDC tokens for which project. */
public final class TrustService {
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private final Database db;
  private final TrustStore store = new TrustStore();
  private final Clock clock;

  public TrustService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Binding add(String repository, Scope scope, String refPattern) {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw ApiException.invalid("repository", "expected owner/name");
    }
    if (!Ids.isScopeSegment(scope.org()) || !Ids.isScopeSegment(scope.project())) {
      throw ApiException.invalid("org/project", "letters, digits, _ . - only");
    }
    String pattern = refPattern == null || refPattern.isBlank() ? "*" : refPattern;
    Binding b = new Binding(Secrets.id("trust"), repository, scope.org(), scope.project(), pattern);
    db.inTransaction(c -> {
      store.insert(c, b, clock.millis());
      return null;
    });
    return b;
  }

  public List<Binding> list() {
    return db.read(store::all);
  }

  public boolean remove(String id) {
    return db.inTransaction(c -> store.delete(c, id));
  }

  public List<Binding> forRepository(String repository) {
    return db.read(c -> store.forRepository(c, repository));
  }

  /** Glob match where {@code *} matches any run of characters (including {@code /}). */
  public static boolean refMatches(String pattern, String ref) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      if (ch == '*') {
        regex.append(".*");
      } else if (ch == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return ref != null && Pattern.matches(regex.toString(), ref);
  }
}
