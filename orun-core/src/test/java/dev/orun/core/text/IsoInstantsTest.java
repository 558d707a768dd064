package dev.orun.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written instant reading and writing of the records agree with the JDK's on every value. */
class IsoInstantsTest {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999_END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void writesWhatInstantToStringWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(YEAR_0),
                Instant.ofEpochSecond(YEAR_0 - 1), Instant.ofEpochSecond(YEAR_9999_END, 999_999_999),
                Instant.ofEpochSecond(YEAR_9999_END + 1), Instant.parse("2024-02-29T23:59:59.5Z"),
                Instant.parse("2000-03-01T00:00:00.000001Z"), Instant.parse("1900-02-28T12:00:00.000000001Z"),
                Instant.MIN, Instant.MAX);
        for (Instant instant : edges) {
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(YEAR_0 - 86_400L * 800, YEAR_9999_END + 86_400L * 800);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            String text = IsoInstants.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            if (second >= YEAR_0 && second <= YEAR_9999_END) {
                assertThat(IsoInstants.fast(text)).isEqualTo(instant);
            }
        }
    }

    @Test
    void readsAnInstantInsideALargerBufferWithoutCopyingIt() {
        char[] line = "xx\"2026-12-02T00:46:16.828921501Z\"yy".toCharArray();
        assertThat(IsoInstants.fast(line, 3, 30)).isEqualTo(Instant.parse("2026-12-02T00:46:16.828921501Z"));
        assertThat(IsoInstants.fast(line, 3, 29)).as("cut before the Z").isNull();
        assertThat(IsoInstants.fast(line, 2, 31)).as("starting at the quote").isNull();
    }

    @Test
    void countsDaysAsTheJdkDoes() {
        for (int year : new int[] {0, 1, 4, 100, 400, 1582, 1900, 1969, 1970, 2000, 2024, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                int days = java.time.YearMonth.of(year, month).lengthOfMonth();
                for (int day = 1; day <= days; day++) {
                    assertThat(IsoInstants.epochDay(year, month, day)).as("%d-%d-%d", year, month, day)
                            .isEqualTo(java.time.LocalDate.of(year, month, day).toEpochDay());
                }
            }
        }
    }
}
