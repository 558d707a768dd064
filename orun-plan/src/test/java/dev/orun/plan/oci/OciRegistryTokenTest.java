package dev.orun.plan.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.plan.Fixtures;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 11 — go-orun-plan.md §3.1 "Sources" ({@code kind: oci}): a registry with token
 * authentication (how ghcr.io and Docker Hub serve even public pulls) answers {@code 401} with
 * {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…}; orun fetches a token from the realm
 * for that scope and service and pulls with it. The registry is the real docker-registry with
 * {@code auth.token}; the realm is a loopback token service whose signed JWTs it verifies.
 */
class OciRegistryTokenTest {

    @TempDir
    Path dir;
    @TempDir
    Path reference;
    @TempDir
    Path home;
    @TempDir
    Path registryDir;

    TokenAuthority tokens;
    LoopbackRegistry registry;

    @BeforeEach
    void start() throws Exception {
        LoopbackRegistry.assumeInstalled();
        Fixtures.copy("demo", dir);
        Fixtures.copy("demo", reference);
        tokens = TokenAuthority.start(registryDir);
        registry = LoopbackRegistry.startWithTokens(registryDir, tokens);
        registry.pushArtifact("stacks/demo", "v1", List.of(new LoopbackRegistry.Layer(
                OciCompositionSourceTest.STACK_LAYER, new OciLayers().tarGz(dir.resolve("stack")))));
        Fixtures.replace(dir.resolve("intent.yaml"), "{name: local, kind: dir, path: ./stack}",
                "{name: local, kind: oci, ref: oci://" + registry.host() + "/stacks/demo:v1}");
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    private String compile(Path root) {
        Map<String, String> env = Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve("docker").toString());
        return OciCompositionSourceTest.withoutProvenance(
                new Planner(Workspace.discover(root, null), env).compile(PlanRequest.full()).plan());
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenForThePullScope() {
        assertThat(compile(dir)).isEqualTo(compile(reference));
        assertThat(tokens.requests()).contains(
                "scope=repository%3Astacks%2Fdemo%3Apull&service=" + TokenAuthority.SERVICE);
    }
}
