package dev.orun.plan.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.plan.Fixtures;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 11 — go-orun-plan.md §3.1 "Sources": for {@code kind: oci} the Go planner uses
 * "Docker {@code config.json} creds only". A real registry behind htpasswd basic auth answers
 * {@code 401} with a {@code WWW-Authenticate: Basic} challenge; the credentials come from
 * {@code $DOCKER_CONFIG/config.json} and never appear in messages.
 */
class OciRegistryCredentialsTest {

    @TempDir
    Path dir;
    @TempDir
    Path reference;
    @TempDir
    Path home;
    @TempDir
    Path registryDir;

    LoopbackRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        Fixtures.copy("demo", dir);
        Fixtures.copy("demo", reference);
        registry = LoopbackRegistry.start(registryDir, true);
        byte[] layer = new OciLayers().tarGz(dir.resolve("stack"));
        registry.pushArtifact("private/demo", "v1",
                List.of(new LoopbackRegistry.Layer(OciCompositionSourceTest.STACK_LAYER, layer)));
        Fixtures.replace(dir.resolve("intent.yaml"), "{name: local, kind: dir, path: ./stack}",
                "{name: local, kind: oci, ref: oci://" + registry.host() + "/private/demo:v1}");
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private String compile(Path root) {
        Map<String, String> env = Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve("docker").toString());
        return OciCompositionSourceTest.withoutProvenance(
                new Planner(Workspace.discover(root, null), env).compile(PlanRequest.full()).plan());
    }

    private void dockerConfig(String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Fixtures.write(home.resolve("docker/config.json"),
                "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}");
    }

    @Test
    void withoutCredentialsTheRegistryChallengeIsAnError() {
        assertThatThrownBy(() -> compile(dir))
                .hasMessage("intent.yaml:6: composition source \"local\": registry " + registry.host()
                        + " requires credentials and Docker config.json has none for it");
    }

    @Test
    void credentialsFromDockerConfigAnswerTheBasicChallenge() {
        dockerConfig(LoopbackRegistry.USER, LoopbackRegistry.PASSWORD);

        assertThat(compile(dir)).isEqualTo(compile(reference));
    }

    @Test
    void wrongCredentialsAreRefusedWithoutPrintingThem() {
        dockerConfig(LoopbackRegistry.USER, "not-the-password");

        assertThatThrownBy(() -> compile(dir))
                .hasMessage("intent.yaml:6: composition source \"local\": registry " + registry.host()
                        + " refused access to private/demo with the credentials from Docker config.json")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
    }
}
