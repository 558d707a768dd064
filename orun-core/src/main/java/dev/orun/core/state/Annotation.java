package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;

/**
 * A message a step raised about a place in the source (GitHub's {@code ::warning file=…::}),
 * collected into the run summary and the records.
 *
 * <p>Made by runners that understand such commands (the github-actions runner) on the job's
 * thread, carried in {@link dev.orun.core.runner.StepResult}; recorded by state backends and read
 * by the CLI's renderers. Immutable.
 *
 * @param level   {@code notice}, {@code warning} or {@code error}
 * @param message the text, already masked
 * @param title   an optional title, or {@code null}
 * @param file    the file it is about, or {@code null}
 * @param line    the line in {@code file}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"level", "title", "file", "line", "message"})
public record Annotation(String level, String message, String title, String file, Integer line) {

    public Annotation {
        level = level == null ? "notice" : level.toLowerCase(Locale.ROOT);
        message = message == null ? "" : message;
    }

    /** {@code file:line} or {@code file}, or empty when the annotation names no place. */
    public String location() {
        if (file == null || file.isBlank()) {
            return "";
        }
        return line == null ? file : file + ":" + line;
    }
}
