package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMessageTest {

    @Test
    void onlyTheEnginesOwnMessageIsKeptFromAnErrorResponse() {
        String raw = "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: no such host\"}\n";
        assertThat(ImageFetcher.oneLine(raw)).isEqualTo("Get \"https://registry-1.docker.io/v2/\": dial tcp: no such host");
    }

    @Test
    void otherMessagesAreFoldedOntoOneLine() {
        assertThat(ImageFetcher.oneLine("first\nsecond ")).isEqualTo("first second");
        assertThat(ImageFetcher.oneLine(null)).isEqualTo("unknown error");
    }
}
