package dev.orun.runner.gha.internal;

import dev.orun.core.runner.Masker;
import dev.orun.core.runner.OutputGroups;
import dev.orun.core.state.Annotation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Interprets the workflow commands in one step's output and passes every other line on.
 * {@code add-mask} masks the value from the next line on (the line carrying the command is not
 * shown); {@code set-output}, {@code save-state}, {@code set-env} and {@code add-path} are
 * collected for the step's result; {@code notice}/{@code warning}/{@code error} become
 * annotations (and a {@code level: message} line); {@code group}/{@code endgroup} print the title
 * and indent the group's lines, and tell a live view where the group starts and ends
 * ({@link OutputGroups}); {@code debug} lines are dropped; {@code stop-commands} passes
 * everything through verbatim until its token comes back.
 */
final class StepCommands implements Consumer<byte[]> {

    private final OutputStream out;
    private final Masker masker;
    final Map<String, String> outputs = new LinkedHashMap<>();
    final Map<String, String> state = new LinkedHashMap<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> paths = new ArrayList<>();
    final List<Annotation> annotations = new ArrayList<>();
    private String stopToken;
    private int groupDepth;

    StepCommands(OutputStream out, Masker masker) {
        this.out = out;
        this.masker = masker;
    }

    /** One line of output as raw bytes, with its {@code \n} when it had one. */
    @Override
    public synchronized void accept(byte[] raw) {
        if (!mayBeCommand(raw)) {
            printRaw(raw);
            return;
        }
        String line = new String(raw, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
        if (stopToken != null) {
            if (line.strip().equals("::" + stopToken + "::")) {
                stopToken = null;
            } else {
                printRaw(raw);
            }
            return;
        }
        WorkflowCommand command = WorkflowCommand.parse(line);
        if (command == null) {
            printRaw(raw);
            return;
        }
        handle(command, line);
    }

    /** Cheap check on the bytes: a command starts with {@code ::} or {@code ##[} after blanks. */
    private static boolean mayBeCommand(byte[] raw) {
        int i = 0;
        while (i < raw.length && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i + 1 < raw.length && (raw[i] == ':' && raw[i + 1] == ':'
                || raw[i] == '#' && raw[i + 1] == '#');
    }

    /** Passes a line on byte for byte, indented when inside a group. */
    private void printRaw(byte[] raw) {
        try {
            if (groupDepth > 0) {
                out.write("  ".repeat(groupDepth).getBytes(StandardCharsets.UTF_8));
            }
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(WorkflowCommand command, String line) {
        String value = command.message();
        switch (command.name()) {
            case "add-mask" -> masker.add(value);
            case "set-output" -> outputs.put(command.properties().getOrDefault("name", ""), value);
            case "save-state" -> state.put(command.properties().getOrDefault("name", ""), value);
            case "set-env" -> env.put(command.properties().getOrDefault("name", ""), value);
            case "add-path" -> paths.add(value.strip());
            case "stop-commands" -> stopToken = value.strip().isEmpty() ? null : value.strip();
            case "group" -> {
                if (out instanceof OutputGroups groups) {
                    groups.groupStarted(value);
                }
                print("▸ " + value);
                groupDepth++;
            }
            case "endgroup" -> {
                if (groupDepth > 0 && out instanceof OutputGroups groups) {
                    groups.groupEnded();
                }
                groupDepth = Math.max(0, groupDepth - 1);
            }
            case "debug", "echo", "add-matcher", "remove-matcher" -> {
                // debug output is off, as on GitHub without ACTIONS_STEP_DEBUG
            }
            case "notice", "warning", "error" -> annotate(command);
            default -> print(line);
        }
    }

    private void annotate(WorkflowCommand command) {
        Map<String, String> p = command.properties();
        Integer lineNumber = null;
        try {
            lineNumber = p.containsKey("line") ? Integer.valueOf(p.get("line").strip()) : null;
        } catch (NumberFormatException ignored) {
            // a line that is not a number is left out, as GitHub does
        }
        Annotation annotation = new Annotation(command.name(), masker.mask(command.message()),
                masker.mask(p.get("title")), p.get("file"), lineNumber);
        annotations.add(annotation);
        String where = annotation.location().isEmpty() ? "" : " (" + annotation.location() + ")";
        print(command.name() + ": " + command.message() + where);
    }

    private void print(String line) {
        String text = "  ".repeat(groupDepth) + line + "\n";
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
