package dev.orun.runner.docker;

import static dev.orun.runner.docker.Plans.job;
import static dev.orun.runner.docker.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageResolverTest {

    private final ImageResolver builtIn = new ImageResolver(Optional.empty());
    private final ImageResolver withDefault = new ImageResolver(Optional.of("orun-test/busybox:latest"));

    private String image(ImageResolver resolver, String runsOn) {
        return resolver.forJob(job("api@dev.build", runsOn)).image();
    }

    @Test
    void githubRunnerLabelsMapToUbuntuImages() {
        assertThat(image(builtIn, "ubuntu-22.04")).isEqualTo("ubuntu:22.04");
        assertThat(image(builtIn, "ubuntu-24.04")).isEqualTo("ubuntu:24.04");
        assertThat(image(builtIn, "ubuntu-20.04")).isEqualTo("ubuntu:20.04");
        assertThat(image(builtIn, "ubuntu-latest")).isEqualTo("ubuntu:latest");
        assertThat(image(builtIn, "Ubuntu-Latest")).isEqualTo("ubuntu:latest");
        assertThat(image(builtIn, null)).isEqualTo("ubuntu:22.04");
        assertThat(image(builtIn, " ")).isEqualTo("ubuntu:22.04");
        assertThat(image(builtIn, "self-hosted")).isEqualTo("ubuntu:22.04");
    }

    @Test
    void runsOnThatNamesAnImageIsUsedAsIs() {
        assertThat(image(builtIn, "alpine:3.20")).isEqualTo("alpine:3.20");
        assertThat(image(builtIn, " ghcr.io/acme/build@sha256:abc ")).isEqualTo("ghcr.io/acme/build@sha256:abc");
        assertThat(image(withDefault, "alpine")).isEqualTo("alpine");
    }

    @Test
    void theDefaultImageReplacesLabelsButNotNamedImages() {
        assertThat(image(withDefault, "ubuntu-latest")).isEqualTo("orun-test/busybox:latest");
        assertThat(image(withDefault, null)).isEqualTo("orun-test/busybox:latest");
        assertThat(image(withDefault, "alpine:3.20")).isEqualTo("alpine:3.20");
        assertThat(withDefault.forJob(job("api@dev.build", "ubuntu-latest")).reason())
                .isEqualTo("default image (runsOn ubuntu-latest)");
    }

    @Test
    void jobParametersImageOverridesRunsOnAndTheDefault() {
        var job = job("api@dev.build", "alpine:3.20", Map.of("image", "node:20"));
        assertThat(withDefault.forJob(job)).isEqualTo(new ImageChoice("node:20", "job parameters.image"));
    }

    @Test
    void aStepMayNameItsOwnImage() {
        assertThat(builtIn.forStep(Plans.runIn("lint", "true", "node:20")))
                .contains(new ImageChoice("node:20", "step with.image"));
        assertThat(builtIn.forStep(run("build", "true"))).isEmpty();
    }
}
