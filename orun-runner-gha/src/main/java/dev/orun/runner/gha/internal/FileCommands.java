package dev.orun.runner.gha.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the files a step writes through {@code GITHUB_ENV}, {@code GITHUB_OUTPUT} and
 * {@code GITHUB_STATE} ({@code NAME=value} lines or {@code NAME<<DELIMITER} heredocs) and
 * {@code GITHUB_PATH} (one directory per line). A byte-order mark is skipped and CRLF accepted;
 * a malformed line or a heredoc without its closing delimiter is an error naming the file and line.
 */
final class FileCommands {

    private FileCommands() {
    }

    static Map<String, String> readKeyValues(Path file, String variable) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isEmpty()) {
                    throw new IOException(variable + " line " + (i + 1) + ": empty heredoc delimiter");
                }
                List<String> value = new ArrayList<>();
                int start = i;
                boolean closed = false;
                for (i = i + 1; i < lines.size(); i++) {
                    if (lines.get(i).equals(delimiter)) {
                        closed = true;
                        break;
                    }
                    value.add(lines.get(i));
                }
                if (!closed) {
                    throw new IOException(variable + " line " + (start + 1) + ": heredoc for "
                            + name + " is missing its closing delimiter " + delimiter);
                }
                values.put(name, String.join("\n", value));
            } else if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            } else {
                throw new IOException(variable + " line " + (i + 1)
                        + ": expected NAME=value or NAME<<DELIMITER, got \"" + abbreviate(line) + "\"");
            }
        }
        return values;
    }

    static List<String> readPaths(Path file) throws IOException {
        List<String> paths = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return paths;
        }
        for (String line : lines(file)) {
            if (!line.isBlank()) {
                paths.add(line.strip());
            }
        }
        return paths;
    }

    static String readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<String> lines(Path file) throws IOException {
        String text = readText(file);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 37) + "..." : line;
    }
}
