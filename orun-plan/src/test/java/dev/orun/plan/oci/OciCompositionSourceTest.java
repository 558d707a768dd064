package dev.orun.plan.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanSpec;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.Fixtures;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 11 — go-orun-plan.md §3.1 "Sources", {@code kind: oci}: the manifest digest is
 * resolved, the layer is chosen by media type ({@code application/vnd.orun.stack.compositions.
 * layer.v1+tar+gzip}, then the older package layer, then the first layer) and unpacked as the
 * package root (§3.2), so a Stack pushed to a registry compiles to exactly the plan of the same
 * Stack in a {@code dir} source. Runs against a real registry (Debian's docker-registry) on
 * loopback; the artifact is pushed with plain distribution-API calls.
 */
class OciCompositionSourceTest {

    static final String STACK_LAYER = "application/vnd.orun.stack.compositions.layer.v1+tar+gzip";
    static final String PACKAGE_LAYER = "application/vnd.sourceplane.orun.composition.package.layer.v1.tar+gzip";

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
        registry = LoopbackRegistry.start(registryDir, false);
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private Map<String, String> env() {
        return Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve("docker").toString());
    }

    private CompiledPlan compile(Path root) {
        return new Planner(Workspace.discover(root, null), env()).compile(PlanRequest.full());
    }

    private byte[] planBytes(Path root) {
        return PlanJson.toBytes(compile(root).plan());
    }

    /** The plan without what says where the compositions came from (spec, and the checksum covering it). */
    static String withoutProvenance(Plan plan) {
        return new String(PlanJson.toBytes(plan.withSpec(null).withMetadata(plan.metadata().withChecksum(null))),
                StandardCharsets.UTF_8);
    }

    private String sameAsDirectory(Path root) {
        return withoutProvenance(compile(root).plan());
    }

    private void useSource(String fields) {
        Fixtures.replace(dir.resolve("intent.yaml"), "{name: local, kind: dir, path: ./stack}",
                "{name: local, kind: oci, " + fields + "}");
    }

    private byte[] stackLayer(Path stack) throws IOException {
        return new OciLayers().tarGz(stack);
    }

    private String pushDemoStack(String tag) throws Exception {
        return registry.pushArtifact("stacks/demo", tag,
                List.of(new LoopbackRegistry.Layer(STACK_LAYER, stackLayer(dir.resolve("stack")))));
    }

    private Path cache() {
        return home.resolve(".orun/cache/oci");
    }

    @Test
    void aTaggedArtifactCompilesToThePlanOfTheSameStackInADirectory() throws Exception {
        String digest = pushDemoStack("v1");
        useSource("ref: oci://" + registry.host() + "/stacks/demo:v1");

        Plan plan = compile(dir).plan();
        assertThat(withoutProvenance(plan)).isEqualTo(sameAsDirectory(reference));
        assertThat(plan.spec().compositionSources()).containsExactly(new PlanSpec.CompositionSource("local", "oci",
                "oci://" + registry.host() + "/stacks/demo:v1", null, digest, List.of("shell")));
        assertThat(cache().resolve("blobs/sha256/" + digest.substring(7))).isRegularFile();
        assertThat(cache().resolve("tags/127.0.0.1_" + registry.port() + "/stacks/demo/v1"))
                .hasContent(digest);
    }

    @Test
    void withoutATagTheReferenceMeansLatest() throws Exception {
        pushDemoStack("latest");
        useSource("ref: \"oci://" + registry.host() + "/stacks/demo\"");

        assertThat(sameAsDirectory(dir)).isEqualTo(sameAsDirectory(reference));
    }

    @Test
    void aCachedTagIsUsedOfflineWithANotice() throws Exception {
        String digest = pushDemoStack("v1");
        useSource("ref: oci://" + registry.host() + "/stacks/demo:v1");
        byte[] online = planBytes(dir);
        assertThat(compile(dir).notes()).isEmpty();

        registry.close();
        CompiledPlan offline = compile(dir);

        assertThat(PlanJson.toBytes(offline.plan())).isEqualTo(online);
        assertThat(offline.notes()).singleElement().asString()
                .startsWith("registry " + registry.host() + " is unreachable")
                .endsWith("; using oci://" + registry.host() + "/stacks/demo:v1 as last resolved: " + digest + " (cached)");
    }

    @Test
    void aPinnedDigestThatIsCachedNeedsNoNetwork() throws Exception {
        String digest = pushDemoStack("v1");
        useSource("ref: \"oci://" + registry.host() + "/stacks/demo@" + digest + "\"");
        byte[] online = planBytes(dir);

        registry.close();
        CompiledPlan offline = compile(dir);

        assertThat(PlanJson.toBytes(offline.plan())).isEqualTo(online);
        assertThat(withoutProvenance(offline.plan())).isEqualTo(sameAsDirectory(reference));
        assertThat(offline.notes()).isEmpty();
    }

    @Test
    void aDigestPinnedNextToATagIsCheckedAgainstWhatTheTagResolvesTo() throws Exception {
        String v1 = pushDemoStack("v1");
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "echo", "printf");
        pushDemoStack("v2");
        useSource("ref: oci://" + registry.host() + "/stacks/demo:v2, digest: \"" + v1 + "\"");

        assertThatThrownBy(() -> compile(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("intent.yaml:6: composition source \"local\": digest mismatch: oci://"
                        + registry.host() + "/stacks/demo:v2 resolved to sha256:")
                .hasMessageEndingWith(" but digest pins " + v1);
    }

    @Test
    void anUnreachableRegistryWithNothingCachedIsAnErrorAtTheSourceLine() {
        String host = registry.host();
        registry.close();
        useSource("ref: oci://" + host + "/stacks/demo:v1");

        assertThatThrownBy(() -> compile(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("intent.yaml:6: composition source \"local\": registry " + host + " is unreachable")
                .hasMessageEndingWith(" and oci://" + host + "/stacks/demo:v1 is not in the cache " + cache())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUnknownTagIsNotFound() {
        useSource("ref: oci://" + registry.host() + "/stacks/demo:nope");

        assertThatThrownBy(() -> compile(dir))
                .hasMessage("intent.yaml:6: composition source \"local\": manifest nope not found in "
                        + registry.host() + "/stacks/demo");
    }

    @Test
    void aBadReferenceIsRefusedAtItsLine() {
        useSource("ref: oci://" + registry.host() + "/Stacks/Demo:v1");

        assertThatThrownBy(() -> compile(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("intent.yaml:6: composition source \"local\": bad OCI reference \"oci://" + registry.host()
                        + "/Stacks/Demo:v1\": invalid repository \"Stacks/Demo\" (lower-case letters, digits and . _ - separators)");
    }

    @Test
    void anOciSourceWithoutRefIsRefused() {
        useSource("path: ./stack");

        assertThatThrownBy(() -> compile(dir))
                .hasMessage("intent.yaml:6: composition source \"local\" must have \"ref\"");
    }

    @Test
    void aLayerOfUnknownMediaTypeIsRefused() throws Exception {
        registry.pushArtifact("stacks/demo", "odd", List.of(new LoopbackRegistry.Layer(
                "application/vnd.example.notes.v1+json", "{}".getBytes(StandardCharsets.UTF_8))));
        useSource("ref: oci://" + registry.host() + "/stacks/demo:odd");

        assertThatThrownBy(() -> compile(dir))
                .hasMessageStartingWith("intent.yaml:6: composition source \"local\": unknown layer media type "
                        + "\"application/vnd.example.notes.v1+json\" in manifest sha256:");
    }

    @Test
    void theStackLayerIsPreferredOverOtherLayers() throws Exception {
        byte[] stack = stackLayer(dir.resolve("stack"));
        Path other = Files.createDirectories(registryDir.resolve("other"));
        Fixtures.write(other.resolve("stack.yaml"), "kind: NotAStack\n");
        registry.pushArtifact("stacks/demo", "layers", List.of(
                new LoopbackRegistry.Layer("application/vnd.oci.image.layer.v1.tar+gzip", stackLayer(other)),
                new LoopbackRegistry.Layer(PACKAGE_LAYER, stackLayer(other)),
                new LoopbackRegistry.Layer(STACK_LAYER, stack)));
        useSource("ref: oci://" + registry.host() + "/stacks/demo:layers");

        assertThat(sameAsDirectory(dir)).isEqualTo(sameAsDirectory(reference));
    }

    @Test
    void aPlainImageLayerIsUsedWhenItIsTheOnlyOne() throws Exception {
        registry.pushArtifact("stacks/demo", "plain", List.of(new LoopbackRegistry.Layer(
                "application/vnd.oci.image.layer.v1.tar+gzip", stackLayer(dir.resolve("stack")))));
        useSource("ref: oci://" + registry.host() + "/stacks/demo:plain");

        assertThat(sameAsDirectory(dir)).isEqualTo(sameAsDirectory(reference));
    }

    @Test
    void theCacheLocationFollowsOrunOciCache() throws Exception {
        String digest = pushDemoStack("v1");
        useSource("ref: oci://" + registry.host() + "/stacks/demo:v1");
        Path custom = home.resolve("custom-cache");

        new Planner(Workspace.discover(dir, null), Map.of("HOME", home.toString(), "ORUN_OCI_CACHE", custom.toString(),
                "DOCKER_CONFIG", home.resolve("docker").toString())).compile(PlanRequest.full());

        assertThat(custom.resolve("blobs/sha256/" + digest.substring(7))).isRegularFile();
        assertThat(cache()).doesNotExist();
    }
}
