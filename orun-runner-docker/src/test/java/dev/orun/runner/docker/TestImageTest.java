package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A machine with an engine but without the test image gets the image built, not failing tests. */
class TestImageTest {

    @Test
    void theTestImageExistsOnTheEngineOnceTheTestsAskForIt() {
        var client = TestEngine.require();
        assertThat(client.inspectImageCmd(TestImage.NAME).exec().getId()).startsWith("sha256:");
    }
}
