package dev.orun.remote.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogShipperPiecesTest {

    @Test
    void a_large_chunk_is_split_on_character_boundaries_below_the_server_limit() {
        String content = "é".repeat(LogShipper.MAX_PIECE); // two bytes each in UTF-8
        List<String> pieces = LogShipper.pieces(content);
        assertThat(pieces).hasSize(2);
        assertThat(pieces).allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length <= LogShipper.MAX_PIECE);
        assertThat(String.join("", pieces)).isEqualTo(content);
    }
}
