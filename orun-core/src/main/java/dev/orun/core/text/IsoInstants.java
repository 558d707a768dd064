package dev.orun.core.text;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the instants orun's records and the state server write
 * ({@code 2026-12-01T17:46:12.504682816Z}, UTC, 0–9 fraction digits) by hand:
 * {@code DateTimeFormatter} costs about as much per instant as the rest of a job's record, a
 * 5000-job snapshot holds 20000 of them, and a remote runner reads thousands from the server's job
 * lists and event log, mostly before its code is compiled. The parser's characters are read in
 * place (no {@code String} per instant) and the calendar arithmetic is done here rather than
 * through {@code LocalDate}, whose range checks showed up in profiles of a cold {@code orun status}.
 * Any other shape — an offset, a leap second, a year outside 0000–9999 — goes through the JDK's
 * parsers, so the result never differs from theirs. {@link #format(Instant)} is the way back, for
 * {@code orun status --json}.
 */
public final class IsoInstants {

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long MIN_FAST_SECOND = -62_167_219_200L;
    private static final long MAX_FAST_SECOND = 253_402_300_799L;

    private IsoInstants() {
    }

    /** The instant of ISO-8601 text: the plain UTC shape by hand, anything else through the JDK's parsers. */
    public static Instant parse(String text) {
        Instant fast = fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** The instant, or null when the text is not in the plain UTC shape (then the JDK decides). */
    public static Instant fast(String s) {
        return fast(s.toCharArray(), 0, s.length());
    }

    /** {@link #fast(String)} over {@code length} characters of {@code c} from {@code from}. */
    public static Instant fast(char[] c, int from, int length) {
        int n = length;
        int o = from;
        if (n < 20 || c[o + n - 1] != 'Z' || c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != 'T'
                || c[o + 13] != ':' || c[o + 16] != ':') {
            return null;
        }
        int year = digits(c, o, 4);
        int month = digits(c, o + 5, 2);
        int day = digits(c, o + 8, 2);
        int hour = digits(c, o + 11, 2);
        int minute = digits(c, o + 14, 2);
        int second = digits(c, o + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (c[o + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(c, o + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second,
                nanos);
    }

    /**
     * {@code instant.toString()} (ISO-8601 in UTC, the fraction in groups of three digits, none
     * when zero), written by hand for years 0000–9999; other years go through the JDK.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
            return instant.toString();
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01, eras of 400 years counted from March of year 0
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] out = new char[30];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, dayOfMonth, 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int end = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            out[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1000 == 0) {
                put(out, end, nanos / 1000, 6);
                end += 6;
            } else {
                put(out, end, nanos, 9);
                end += 9;
            }
        }
        out[end++] = 'Z';
        return new String(out, 0, end);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int lengthOfMonth(int year, int month) {
        return month == 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (years 0–9999): whole years counted
     * from March, so the leap day falls at the end of a counted year.
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int digits(char[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char ch = c[i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }
}
