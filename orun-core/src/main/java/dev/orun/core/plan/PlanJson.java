package dev.orun.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orun.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical plan serialisation. Map keys are sorted, fields keep the documented order, the
 * indentation is two spaces and lines end with {@code \n}, so the same plan is the same bytes on
 * every machine. The checksum is {@code sha256-} plus the hex SHA-256 of the compact canonical JSON
 * of the plan with the checksum field left out.
 */
public final class PlanJson {

    public static final String CHECKSUM_PREFIX = "sha256-";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""));

    private PlanJson() {
    }

    /** The shared mapper configured for canonical output; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The last plan {@link #withChecksum} serialised and its pretty bytes: saving the plan right
     * after compiling it then costs no second serialisation. Weak, so it never keeps a plan alive.
     */
    private static volatile Encoded lastEncoded;

    private record Encoded(WeakReference<Plan> plan, byte[] bytes) {
    }

    /** Pretty, canonical bytes of a plan, ending with a newline. */
    public static byte[] toBytes(Plan plan) {
        Encoded last = lastEncoded;
        if (last != null && last.plan().get() == plan) {
            return last.bytes().clone();
        }
        return prettyBytes(plan);
    }

    private static byte[] prettyBytes(Plan plan) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            MAPPER.writer(PRETTY).writeValue(out, plan);
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("plan cannot be serialised: " + e.getMessage(), e);
        }
    }

    public static String toJson(Plan plan) {
        return new String(toBytes(plan), StandardCharsets.UTF_8);
    }

    /** Compact canonical JSON of the plan without its checksum: the input of the checksum. */
    public static byte[] checksumInput(Plan plan) {
        Plan withoutChecksum = plan.withMetadata(plan.metadata().withChecksum(null));
        try {
            return MAPPER.writeValueAsBytes(withoutChecksum);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan cannot be serialised: " + e.getMessage(), e);
        }
    }

    public static String checksum(Plan plan) {
        return sha256(checksumInput(plan));
    }

    private static String sha256(byte[] input) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return CHECKSUM_PREFIX + HexFormat.of().formatHex(digest.digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The plan with {@code metadata.checksum} set from its content. Serialises once: the pretty
     * bytes with a same-length placeholder checksum give the checksum input (whitespace and the
     * placeholder member removed), then the real checksum is written over the placeholder and the
     * bytes are kept for {@link #toBytes}.
     */
    public static Plan withChecksum(Plan plan) {
        byte[] pretty = prettyBytes(plan.withMetadata(plan.metadata().withChecksum(CanonicalBytes.PLACEHOLDER)));
        String checksum = sha256(CanonicalBytes.withoutPlaceholderField(CanonicalBytes.compact(pretty)));
        CanonicalBytes.replacePlaceholder(pretty, checksum);
        Plan checksummed = plan.withMetadata(plan.metadata().withChecksum(checksum));
        lastEncoded = new Encoded(new WeakReference<>(checksummed), pretty);
        return checksummed;
    }

    public static Plan parse(byte[] json, Path source) {
        try {
            Plan plan = MAPPER.readValue(json, Plan.class);
            if (!Plan.KIND.equals(plan.kind())) {
                throw InvalidInputException.at(source, "not an orun plan (kind is \"" + plan.kind() + "\")");
            }
            return plan;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw InvalidInputException.at(source, line, "not a valid plan: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.at(source, "not a valid plan: " + e.getMessage());
        }
    }

    public static Plan read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(file, "plan file does not exist");
        } catch (IOException e) {
            throw InvalidInputException.at(file, "cannot read plan: " + e.getMessage());
        }
    }
}
