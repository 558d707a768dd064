package dev.orun.plan.template;

import java.math.BigInteger;

/** Decodes Go literal syntax: interpreted strings, character constants and numbers. */
final class Literals {
  private Literals() {
  }

  /** The value of a double-quoted Go string, including its escape sequences. */
  static String unquote(String src, int offset, String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    int end = quoted.length() - 1;
    int i = 1;
    while (i < end) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      i = escape(src, offset, quoted, i + 1, '"', out);
    }
    return out.toString();
  }

  /** A character constant such as {@code 'a'} or {@code '\n'} is an integer (its code point). */
  static Long charConstant(String src, int offset, String quoted) {
    StringBuilder out = new StringBuilder(2);
    int end = quoted.length() - 1;
    int next = quoted.charAt(1) == '\\'
        ? escape(src, offset, quoted, 2, '\'', out)
        : 1 + Character.charCount(quoted.codePointAt(1));
    if (quoted.charAt(1) != '\\') {
      out.appendCodePoint(quoted.codePointAt(1));
    }
    if (next != end || out.length() == 0) {
      throw TemplateException.at(src, offset, "malformed character constant: " + quoted);
    }
    return (long) out.codePointAt(0);
  }

  /** Decodes the escape starting at {@code i} (just after the backslash); returns the next index. */
  private static int escape(String src, int offset, String q, int i, char quote, StringBuilder out) {
    char c = i < q.length() ? q.charAt(i) : 0;
    switch (c) {
      case 'a': out.append('\u0007'); return i + 1;
      case 'b': out.append('\b'); return i + 1;
      case 'f': out.append('\f'); return i + 1;
      case 'n': out.append('\n'); return i + 1;
      case 'r': out.append('\r'); return i + 1;
      case 't': out.append('\t'); return i + 1;
      case 'v': out.append('\u000b'); return i + 1;
      case '\\': out.append('\\'); return i + 1;
      case 'x': return hexEscape(src, offset, q, i + 1, 2, out);
      case 'u': return hexEscape(src, offset, q, i + 1, 4, out);
      case 'U': return hexEscape(src, offset, q, i + 1, 8, out);
      default:
        if (c == quote) {
          out.append(c);
          return i + 1;
        }
        if (c >= '0' && c <= '7' && i + 3 <= q.length()) {
          try {
            out.append((char) Integer.parseInt(q.substring(i, i + 3), 8));
            return i + 3;
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        throw TemplateException.at(src, offset + i - 1, "unknown escape sequence in " + q);
    }
  }

  private static int hexEscape(String src, int offset, String q, int i, int len, StringBuilder out) {
    if (i + len > q.length()) {
      throw TemplateException.at(src, offset, "invalid escape sequence in " + q);
    }
    try {
      out.appendCodePoint(Integer.parseInt(q.substring(i, i + len), 16));
      return i + len;
    } catch (IllegalArgumentException e) {
      throw TemplateException.at(src, offset, "invalid escape sequence in " + q);
    }
  }

  /**
   * A number literal becomes a {@link Long} unless it is written as a float ({@code 1.5},
   * {@code 2.0}, {@code 1e3}), which becomes a {@link Double} (Go's untyped-constant rule).
   */
  static Object number(String src, int offset, String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    String lower = body.toLowerCase();
    boolean hex = lower.startsWith("0x");
    try {
      if (hex ? lower.contains("p") : (lower.contains(".") || lower.contains("e"))) {
        double value = hex ? Double.parseDouble(t + (lower.contains("p") ? "" : "p0"))
            : Double.parseDouble(t);
        if (Double.isInfinite(value)) {
          throw TemplateException.at(src, offset, "number out of range: \"" + text + "\"");
        }
        return value;
      }
      int radix = 10;
      String digits = body;
      if (hex) {
        radix = 16;
        digits = body.substring(2);
      } else if (lower.startsWith("0o")) {
        radix = 8;
        digits = body.substring(2);
      } else if (lower.startsWith("0b")) {
        radix = 2;
        digits = body.substring(2);
      } else if (body.length() > 1 && body.startsWith("0")) {
        radix = 8;
        digits = body.substring(1);
      }
      BigInteger value = new BigInteger(digits, radix);
      if (negative) {
        value = value.negate();
      }
      if (value.bitLength() > 63) {
        throw TemplateException.at(src, offset, "integer overflow: \"" + text + "\"");
      }
      return value.longValue();
    } catch (NumberFormatException e) {
      throw TemplateException.at(src, offset, "bad number syntax: \"" + text + "\"");
    }
  }
}
