package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML with YAML 1.2 core-schema rules ({@code on}, {@code yes}, {@code no} are strings),
 * keeps line numbers, rejects duplicate keys and reads only the first document of a file.
 */
public final class YamlReader {

    /** Immutable and shared: building the core-schema resolvers per file is measurably slow. */
    private static final LoadSettings SETTINGS = settings(1024);

    /**
     * Above this length a text gets a read buffer that holds all of it: the reader re-copies its
     * window each time it refills a small buffer, so one long scalar costs quadratic time (a 10 MB
     * line took minutes). Below it the cost is negligible and the shared settings are used.
     */
    private static final int SMALL_TEXT = 64 * 1024;

    private static LoadSettings settings(int bufferSize) {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(200)
                .setBufferSize(bufferSize)
                .build();
    }

    private YamlReader() {
    }

    /** Parses a file; {@code display} is the path used in error messages. */
    public static YNode read(Path file, Path display) {
        String text;
        try {
            YamlLimits.checkSize(file, display);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.at(display, "cannot read: " + e.getMessage());
        }
        return parse(text, display);
    }

    /**
     * Parses text; returns {@code null} for an empty document. Size, nesting depth and alias
     * expansion are bounded ({@link YamlLimits}).
     */
    public static YNode parse(String text, Path display) {
        YamlLimits.checkSize(text, display);
        LoadSettings settings = text.length() <= SMALL_TEXT ? SETTINGS : settings(text.length() + 1);
        try {
            Parser parser = new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text)), display);
            Composer documents = new Composer(settings, parser);
            if (!documents.hasNext()) {
                return null;
            }
            Node first = documents.next();
            return first == null ? null : TreeBuilder.build(first, display);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
            throw InvalidInputException.at(display, line, "invalid YAML: " + problem);
        } catch (YamlEngineException e) {
            throw InvalidInputException.at(display, "invalid YAML: " + e.getMessage());
        }
    }

    /** The root of a document as a mapping; an empty document or a non-mapping is an error. */
    public static YMap rootMap(YNode root, Path display) {
        if (root instanceof YMap map) {
            return map;
        }
        if (root == null) {
            throw InvalidInputException.at(display, "file is empty");
        }
        throw root.error("expected a mapping at the top level");
    }
}
