package dev.orun.backend.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The id alphabets of docs/decisions/backend-ids-and-errors.md, written as the regular expressions
 * they were first checked with; the hand-written checks must agree with them on every character
 * in every position and at every length boundary.
 */
class IdsTest {
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  private static final Pattern JOB = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9@._+-]{0,255}");
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern RUNNER = Pattern.compile("[\\x21-\\x7e]{1,256}");

  @Test
  void runIdsAreUppercaseCrockfordUlids() {
    assertThat(Ids.isRunId("01HZX3Q4K5M6N7P8R9S0T1V2W3")).isTrue();
    assertThat(Ids.isRunId("01hzx3q4k5m6n7p8r9s0t1v2w3")).isFalse();
    agrees(Ids::isRunId, ULID, "01HZX3Q4K5M6N7P8R9S0T1V2W3");
  }

  @Test
  void jobIdsStartWithALetterDigitOrUnderscoreAndNeverHoldDotDot() {
    assertThat(Ids.isJobId("build@linux.x")).isTrue();
    assertThat(Ids.isJobId("a..b")).isFalse();
    assertThat(Ids.isJobId("a/b")).isFalse();
    assertThat(Ids.isJobId("a%00")).isFalse();
    assertThat(Ids.isJobId("jöb")).isFalse();
    agrees(s -> Ids.isJobId(s), s -> JOB.matcher(s).matches() && !s.contains(".."), "job_1@x.y+z-w");
    lengths(Ids::isJobId, 256);
  }

  @Test
  void scopeSegmentsAreShortNames() {
    assertThat(Ids.isScopeSegment("acme-corp.dev_1")).isTrue();
    assertThat(Ids.isScopeSegment("..")).isFalse();
    agrees(s -> Ids.isScopeSegment(s), s -> SCOPE.matcher(s).matches() && !s.contains(".."), "acme_corp.x-y");
    lengths(Ids::isScopeSegment, 64);
  }

  @Test
  void digestsAreLowercaseSha256Hex() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    assertThat(Ids.isDigest(digest)).isTrue();
    assertThat(Ids.isDigest(digest.toUpperCase())).isFalse();
    agrees(Ids::isDigest, DIGEST, digest);
  }

  @Test
  void runnerIdsArePrintableAscii() {
    assertThat(Ids.isRunnerId("gha-1-1-build")).isTrue();
    assertThat(Ids.isRunnerId("with space")).isFalse();
    assertThat(Ids.isRunnerId("")).isFalse();
    agrees(Ids::isRunnerId, RUNNER, "runner-1");
    lengths(Ids::isRunnerId, 256);
  }

  @Test
  void nullIsNeverAnId() {
    assertThat(Ids.isRunId(null)).isFalse();
    assertThat(Ids.isJobId(null)).isFalse();
    assertThat(Ids.isScopeSegment(null)).isFalse();
    assertThat(Ids.isDigest(null)).isFalse();
    assertThat(Ids.isRunnerId(null)).isFalse();
  }

  private static void agrees(Predicate<String> check, Pattern spec, String valid) {
    agrees(check, s -> spec.matcher(s).matches(), valid);
  }

  /** Every character below U+0180 (and a few beyond) at the first, a middle and the last position. */
  private static void agrees(Predicate<String> check, Predicate<String> spec, String valid) {
    List<String> disagreements = new ArrayList<>();
    int[] positions = {0, valid.length() / 2, valid.length() - 1};
    List<Character> chars = new ArrayList<>();
    for (char c = 0; c < 0x180; c++) {
      chars.add(c);
    }
    chars.addAll(List.of('\u0130', '\u212A', '\uFF21', '\uD83D'));
    for (int p : positions) {
      for (char c : chars) {
        String s = valid.substring(0, p) + c + valid.substring(p + 1);
        if (check.test(s) != spec.test(s)) {
          disagreements.add(p + ":U+" + Integer.toHexString(c));
        }
      }
    }
    for (String s : List.of("", valid, valid + valid.charAt(0), valid.substring(1))) {
      if (check.test(s) != spec.test(s)) {
        disagreements.add("'" + s + "'");
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static void lengths(Predicate<String> check, int max) {
    assertThat(check.test("a".repeat(max))).isTrue();
    assertThat(check.test("a".repeat(max + 1))).isFalse();
    assertThat(check.test("a")).isTrue();
  }
}
