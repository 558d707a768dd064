package dev.orun.exec.internal.secrets;

import dev.orun.core.runner.Masker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Registers a resolved secret with the job's {@link Masker}: the value and the forms a step is
 * likely to print it in (base64, URL-encoded, JSON-escaped). Values shorter than
 * {@value #MIN_LENGTH} characters are not masked: hiding every "1" or "ab" in the output would
 * wreck the log and protect nothing (docs/decisions/local-secrets.md).
 */
public final class SecretMasks {

    public static final int MIN_LENGTH = 4;

    private SecretMasks() {
    }

    public static void register(Masker masker, String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        masker.add(value);
        masker.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        masker.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        masker.add(jsonEscaped(value));
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
