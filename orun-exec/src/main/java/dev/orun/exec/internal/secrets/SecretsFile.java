package dev.orun.exec.internal.secrets;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file named by {@code --secrets-file}: one {@code NAME=value} per line, where NAME is a
 * secret's key (the last segment of its {@code secret://} reference) or a whole reference. Blank
 * lines and lines starting with {@code #} are skipped; everything after the first {@code =} is the
 * value, verbatim (docs/decisions/local-secrets.md). Errors name the file and line but never echo
 * the line, which may hold a value.
 */
public final class SecretsFile {

    private SecretsFile() {
    }

    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw InvalidInputException.at(file, 0, "secrets file is not UTF-8 text");
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read the secrets file ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (name.isEmpty()) {
                throw InvalidInputException.at(file, index + 1,
                        "expected NAME=value (a secret key or a secret:// reference, then =)");
            }
            if (entries.put(name, line.substring(equals + 1)) != null) {
                throw InvalidInputException.at(file, index + 1, "secret " + name + " is given twice");
            }
        }
        return entries;
    }
}
