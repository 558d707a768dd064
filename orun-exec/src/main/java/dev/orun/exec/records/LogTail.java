package dev.orun.exec.records;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log, read from its end so a huge log costs no more than a small one. */
public final class LogTail {

    private static final int CHUNK = 8192;

    private LogTail() {
    }

    /** Up to {@code count} last non-blank-trailing lines of the file; empty when it does not exist. */
    public static List<String> lastLines(Path file, int count) {
        if (count <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            byte[] collected = new byte[0];
            long position = end;
            while (position > 0 && newlines(collected) <= count) {
                int size = (int) Math.min(CHUNK, position);
                position -= size;
                byte[] chunk = new byte[size];
                in.seek(position);
                in.readFully(chunk);
                byte[] joined = Arrays.copyOf(chunk, size + collected.length);
                System.arraycopy(collected, 0, joined, size, collected.length);
                collected = joined;
            }
            String text = new String(collected, StandardCharsets.UTF_8).stripTrailing();
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
            if (position > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut mid-line
            }
            if (lines.size() == 1 && lines.get(0).isEmpty()) {
                return List.of();
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int newlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
