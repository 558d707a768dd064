package dev.orun.cli.render;

import java.util.regex.Pattern;

/**
 * Step output made safe to show inside orun's own screen (the summary's last lines, the live
 * view): terminal control sequences a step printed — OSC ({@code ESC ] … BEL}, which retitles the
 * window), CSI ({@code ESC [ 2J}, which clears the screen, cursor moves, colours) and other escapes
 * — are removed, and any other control character is shown in caret form ({@code ^G}). The raw
 * log files keep every byte; {@code orun logs} prints them unchanged.
 */
public final class SafeText {

    private static final Pattern SEQUENCES = Pattern.compile(
            "\u001b\\][^\u0007\u001b]*(?:\u0007|\u001b\\\\)?"   // OSC … BEL or ST (or cut off)
                    + "|\u009d[^\u0007\u001b]*(?:\u0007|\u001b\\\\)?" // 8-bit OSC
                    + "|(?:\u001b\\[|\u009b)[0-?]*[ -/]*[@-~]?"     // CSI: parameters, intermediates, final
                    + "|\u001b[PX^_][^\u001b]*(?:\u001b\\\\)?"      // DCS, SOS, PM, APC … ST
                    + "|\u001b[ -/]*[0-~]?");                       // two-character escapes (ESC c, ESC 7 …)

    private SafeText() {
    }

    public static String of(String line) {
        if (line == null) {
            return null;
        }
        String stripped = SEQUENCES.matcher(line).replaceAll("");
        StringBuilder out = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
                out.append(c);
            } else if (c < 0x20) {
                out.append('^').append((char) (c + 64));
            } else {
                out.append(c == 0x7f ? "^?" : String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
