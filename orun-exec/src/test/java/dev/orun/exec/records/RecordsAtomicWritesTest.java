package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.exec.internal.records.AtomicFiles;
import dev.orun.exec.internal.records.RecordsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsAtomicWritesTest {

    @TempDir
    Path dir;

    @Test
    void aReaderNeverSeesAPartialFileWhileItIsRewritten() throws Exception {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, document(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get() || reads.get() < 100) {
                try {
                    JsonNode node = RecordsJson.mapper().readTree(Files.readAllBytes(target));
                    int n = node.path("n").asInt();
                    if (node.path("payload").asText().length() != 20_000 + n) {
                        torn.set("payload of " + n + " is cut");
                    }
                } catch (Exception e) {
                    torn.set(e.toString());
                }
                reads.incrementAndGet();
            }
        });
        reader.start();
        for (int n = 1; n <= 300; n++) {
            AtomicFiles.write(target, document(n));
        }
        writing.set(false);
        reader.join();

        assertThat(torn.get()).isNull();
        assertThat(RecordsJson.mapper().readTree(target.toFile()).path("n").asInt()).isEqualTo(300);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    private static byte[] document(int n) {
        String payload = "x".repeat(20_000 + n);
        return ("{\"n\":" + n + ",\"payload\":\"" + payload + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
