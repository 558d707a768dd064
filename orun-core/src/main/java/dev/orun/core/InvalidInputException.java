package dev.orun.core;

import java.nio.file.Path;

/**
 * Bad input (a malformed or inconsistent file, an unknown reference, a bad flag value). Always exit
 * code 2. The message is a single line that names the file, and the line when it is known:
 * {@code services/api/component.yaml:7: unknown component type "shel"}.
 */
public class InvalidInputException extends OrunException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(EXIT_INVALID, oneLine(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(EXIT_INVALID, oneLine(message), cause);
    }

    /** An error located in a file; {@code line} is 1-based, or 0 when unknown. */
    public static InvalidInputException at(Path file, int line, String message) {
        String where = file == null ? "" : file.toString().replace('\\', '/');
        if (line > 0) {
            where = where + ":" + line;
        }
        return new InvalidInputException(where.isEmpty() ? message : where + ": " + message);
    }

    public static InvalidInputException at(Path file, String message) {
        return at(file, 0, message);
    }

    private static String oneLine(String message) {
        return message == null ? "invalid input" : message.replace("\r", "").replace('\n', ' ').strip();
    }
}
