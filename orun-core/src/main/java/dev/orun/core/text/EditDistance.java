package dev.orun.core.text;

/**
 * How many single-letter edits turn one word into another, for "did you mean …?" hints on
 * mistyped commands and YAML keys. Insertions, deletions, substitutions and swaps of neighbouring
 * letters count one each (optimal string alignment), so {@code rnu} is one edit from {@code run}.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** The distance between {@code a} and {@code b}, case-sensitive. */
    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
