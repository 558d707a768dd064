package dev.orun.plan.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixture monorepo under {@code src/test/resources/changes/monorepo}, committed on {@code main}
 * in a fresh repository, and the ownership model that describes it.
 */
final class Fixture {

    private Fixture() {
    }

    /** Copies the fixture into {@code dir} and commits it on main. */
    static GitRepo monorepo(Path dir) {
        copyTree(resource("changes/monorepo"), dir);
        return GitRepo.init(dir).commitAll("initial");
    }

    /** api, its nested plugin auth, web (watches env) and the inline db. */
    static OwnershipModel model() {
        return new OwnershipModel(List.of(
                new ComponentLocation("api", "services/api", "shell", "services/api/component.yaml",
                        List.of(), List.of("dev", "prod")),
                new ComponentLocation("auth", "services/api/plugins/auth", "shell",
                        "services/api/plugins/auth/component.yaml", List.of(), List.of("dev")),
                new ComponentLocation("web", "services/web", "node", "services/web/component.yaml",
                        List.of("env"), List.of("prod")),
                new ComponentLocation("db", null, "shell", null, List.of(), List.of("dev"))),
                List.of(new CompositionLocation("shell", "stack", "stack/compositions/shell"),
                        new CompositionLocation("node", "stack", "stack/compositions/node")),
                List.of(new DependencyRule("api", "db", false, false)));
    }

    static ChangeSet detect(Path root, ChangeRequest req) {
        return detect(root, req, model(), Map.of());
    }

    static ChangeSet detect(Path root, ChangeRequest req, OwnershipModel model, Map<String, String> env) {
        return ChangeDetector.detect(root, root.resolve("intent.yaml"), req, model, env);
    }

    static ChangeRequest base(String base) {
        return new ChangeRequest(true, base, null, List.of(), false, false, false);
    }

    static ChangeRequest defaults() {
        return new ChangeRequest(true, null, null, List.of(), false, false, false);
    }

    static ChangeRequest files(String... files) {
        return new ChangeRequest(true, null, null, List.of(files), false, false, false);
    }

    static ChangeRequest workingTree(boolean uncommitted, boolean untracked) {
        return new ChangeRequest(true, null, null, List.of(), uncommitted, untracked, false);
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : files.toList()) {
                Path dest = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(src, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
