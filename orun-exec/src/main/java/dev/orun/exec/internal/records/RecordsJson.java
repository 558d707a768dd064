package dev.orun.exec.internal.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON mapping of execution records: ISO-8601 instants, sorted map keys, unknown fields ignored.
 * The data-binding mapper is built on first use only: reading records ({@code orun status},
 * {@code orun logs}) goes through the streaming readers and {@link #factory()} and never needs
 * it — building it loads some 400 classes, a good part of a small command's start-up.
 */
public final class RecordsJson {

    // Field names are not interned: a snapshot's job ids are field names (twice per job), and
    // interning thousands of names that are used once showed in profiles of `orun status`.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    /** Built when first asked for (class initialisation is lazy and thread-safe). */
    private static final class Mapping {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();

        static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());
    }

    private RecordsJson() {
    }

    public static ObjectMapper mapper() {
        return Mapping.MAPPER;
    }

    /**
     * The layout of the files people read: two-space indentation, one array element per line,
     * {@code "name": value}, empty arrays and objects as {@code []} and {@code {}}. A new one per
     * document (it keeps the nesting depth).
     */
    public static DefaultPrettyPrinter prettyPrinter() {
        return new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""));
    }

    /** The plain streaming factory (no data binding), for the readers of records. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Two-space indented JSON ending with a newline, for files people read. */
    public static byte[] pretty(Object value) {
        try {
            // straight to UTF-8 bytes (no String in between: state.json is megabytes on large runs)
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            Mapping.PRETTY.writeValue(out, value);
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * {@code state.json}: one line of JSON ending with a newline. Not indented: on a 5000-job run
     * indentation is a third of the file's 2.5 MB, and every reader of the records (a cold
     * {@code orun status}) pays to skip it (see docs/decisions/0001-records-journal.md).
     */
    public static byte[] snapshot(Object value) {
        byte[] json = compact(value);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** One-line JSON, for the per-transition files where size and speed matter. */
    public static byte[] compact(Object value) {
        try {
            return Mapping.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Why a document could not be parsed, in one short line (no source excerpt). */
    public static String reason(IOException e) {
        if (e instanceof java.io.CharConversionException
                || e.getMessage() != null && e.getMessage().contains("Invalid UTF-8")) {
            return "not valid UTF-8";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            String message = json.getOriginalMessage();
            if (message == null) {
                return "not valid JSON";
            }
            int cut = message.indexOf('\n');
            return (cut < 0 ? message : message.substring(0, cut)).strip();
        }
        return String.valueOf(e.getMessage());
    }

    /** The parsed file, or empty when it does not exist. A corrupt file is an error naming it. */
    public static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(Mapping.MAPPER.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
