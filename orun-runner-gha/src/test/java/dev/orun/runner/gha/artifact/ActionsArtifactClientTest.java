package dev.orun.runner.gha.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Uploading a job shard through the Actions results protocol, against a loopback stand-in. */
class ActionsArtifactClientTest {

    @Test
    void createsUploadsToTheSignedUrlAndFinalizesWithSizeAndHash() throws Exception {
        try (ResultsApiStandIn api = new ResultsApiStandIn()) {
            ActionsArtifactClient client = ActionsArtifactClient.fromEnvironment(Map.of(
                    "ACTIONS_RESULTS_URL", api.url(), "ACTIONS_RUNTIME_TOKEN", api.token));
            String id = client.upload("orun-shard-web", Map.of(
                    "plan.json", "{}".getBytes(StandardCharsets.UTF_8),
                    "logs/build.log", "built\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(id).isEqualTo(api.finalized.get("orun-shard-web"));
            Map<String, String> entries = new HashMap<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(api.blobs.get("orun-shard-web")))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertThat(entries).containsEntry("plan.json", "{}").containsEntry("logs/build.log", "built\n");
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheReasonNeverContainsTheToken() throws Exception {
        try (ResultsApiStandIn api = new ResultsApiStandIn()) {
            String forged = api.token.replace(".sig", ".forged");
            ActionsArtifactClient client = ActionsArtifactClient.fromEnvironment(Map.of(
                    "ACTIONS_RESULTS_URL", api.url(), "ACTIONS_RUNTIME_TOKEN", forged));
            assertThatThrownBy(() -> client.upload("x", Map.of("a", new byte[] {1})))
                    .hasMessageContaining("CreateArtifact answered HTTP 401")
                    .hasMessageNotContaining(forged);
            assertThat(api.blobs).isEmpty();
        }
    }

    @Test
    void missingVariablesOrATokenWithoutResultsScopeAreExplained() {
        assertThatThrownBy(() -> ActionsArtifactClient.fromEnvironment(Map.of()))
                .hasMessageContaining("ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN");
        assertThatThrownBy(() -> ActionsArtifactClient.fromEnvironment(Map.of(
                "ACTIONS_RESULTS_URL", "http://127.0.0.1:9/", "ACTIONS_RUNTIME_TOKEN", "a.e30.c")))
                .hasMessageContaining("no Actions.Results scope");
    }
}
