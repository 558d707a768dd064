package dev.orun.plan.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt.Sprintf} for the verbs templates use: {@code %v %s %d %q %t %f %e %g %x %X %o
 * %b %c %T %%}, with flags {@code -+0}, width and precision. Mismatches render the way Go does,
 * e.g. {@code %!d(string=hi)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}.
 */
final class Printf {
  private Printf() {
  }

  private static final class Spec {
    boolean minus;
    boolean plus;
    boolean zero;
    int width = -1;
    int precision = -1;
  }

  static String format(String format, Object[] args) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int next = 0;
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      Spec spec = new Spec();
      for (; i < n && "-+# 0".indexOf(format.charAt(i)) >= 0; i++) {
        char f = format.charAt(i);
        spec.minus |= f == '-';
        spec.plus |= f == '+';
        spec.zero |= f == '0';
      }
      int start = i;
      while (i < n && Character.isDigit(format.charAt(i))) {
        i++;
      }
      spec.width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
      if (i < n && format.charAt(i) == '.') {
        start = ++i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
      } else if (next >= args.length) {
        out.append("%!").append(verb).append("(MISSING)");
      } else {
        Object arg = args[next++];
        boolean numeric = "vdfFeEgGxXob".indexOf(verb) >= 0 && arg instanceof Number;
        pad(out, formatOne(verb, arg, spec), spec, numeric);
      }
    }
    if (next < args.length) {
      out.append("%!(EXTRA ");
      for (int k = next; k < args.length; k++) {
        out.append(k > next ? ", " : "").append(Values.typeName(args[k])).append('=')
            .append(GoFormat.value(args[k]));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String formatOne(char verb, Object arg, Spec spec) {
    if (verb == 'v') {
      boolean floating = arg instanceof Number && !Values.isIntegral(arg);
      return floating ? formatScalar('g', arg, spec) : signedIfNumber(GoFormat.value(arg), arg, spec);
    }
    if (verb == 'T') {
      return Values.typeName(arg);
    }
    if (arg instanceof Map && verb != 'x' && verb != 'X') {
      StringBuilder out = new StringBuilder("map[");
      for (Map.Entry<?, ?> e : GoFormat.sortedEntries((Map<?, ?>) arg)) {
        out.append(out.length() > 4 ? " " : "").append(formatOne(verb, e.getKey(), spec))
            .append(':').append(formatOne(verb, e.getValue(), spec));
      }
      return out.append(']').toString();
    }
    List<?> list = Values.asList(arg);
    if (list != null) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        out.append(out.length() > 1 ? " " : "").append(formatOne(verb, item, spec));
      }
      return out.append(']').toString();
    }
    String result = formatScalar(verb, arg, spec);
    return result != null ? result : bad(verb, arg);
  }

  /** The formatted scalar, or null when the verb does not apply to the value's type. */
  private static String formatScalar(char verb, Object arg, Spec spec) {
    boolean integral = Values.isIntegral(arg);
    boolean floating = arg instanceof Number && !integral;
    switch (verb) {
      case 's':
        if (arg instanceof CharSequence) {
          String s = arg.toString();
          return spec.precision >= 0 && spec.precision < s.codePointCount(0, s.length())
              ? s.substring(0, s.offsetByCodePoints(0, spec.precision)) : s;
        }
        return null;
      case 'q':
        if (arg instanceof CharSequence) {
          return quote(arg.toString());
        }
        return integral ? "'" + escape(new String(Character.toChars(((Number) arg).intValue())), '\'') + "'"
            : null;
      case 't':
        return arg instanceof Boolean ? arg.toString() : null;
      case 'c':
        return integral ? new String(Character.toChars(((Number) arg).intValue())) : null;
      case 'd':
        return integral ? signed(arg.toString(), spec) : null;
      case 'x':
      case 'X':
      case 'o':
      case 'b':
        String digits;
        if (integral) {
          int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
          digits = signed(new BigInteger(arg.toString()).toString(radix), spec);
        } else if (arg instanceof CharSequence && (verb == 'x' || verb == 'X')) {
          StringBuilder hex = new StringBuilder();
          for (byte b : arg.toString().getBytes(StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b & 0xff));
          }
          digits = hex.toString();
        } else {
          return null;
        }
        return verb == 'X' ? digits.toUpperCase() : digits;
      case 'f':
      case 'F':
        return floating ? special(arg, spec, () -> new BigDecimal(((Number) arg).doubleValue())
            .setScale(spec.precision < 0 ? 6 : spec.precision, RoundingMode.HALF_EVEN)
            .toPlainString()) : null;
      case 'e':
      case 'E':
        return floating ? special(arg, spec, () -> scientific(((Number) arg).doubleValue(),
            spec.precision < 0 ? 6 : spec.precision, verb)) : null;
      case 'g':
      case 'G':
        if (!floating) {
          return null;
        }
        double d = ((Number) arg).doubleValue();
        String plain = spec.precision < 0 ? GoFormat.shortestFloat(d, arg instanceof Float ? arg.toString() : Double.toString(d))
            : GoFormat.precisionFloat(d, spec.precision);
        String g = signed(plain, spec);
        return verb == 'G' ? g.toUpperCase() : g;
      default:
        return null;
    }
  }

  private static String special(Object arg, Spec spec, java.util.function.Supplier<String> finite) {
    double d = ((Number) arg).doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return GoFormat.shortestFloat(d, "");
    }
    return signed(finite.get(), spec);
  }

  private static String scientific(double d, int precision, char verb) {
    if (d == 0) {
      return (precision > 0 ? "0." + "0".repeat(precision) : "0") + verb + "+00";
    }
    BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
    String digits = rounded.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - rounded.scale();
    digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
    StringBuilder out = new StringBuilder(rounded.signum() < 0 ? "-" : "");
    out.append(digits.charAt(0));
    if (precision > 0) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append(verb).append(exponent < 0 ? '-' : '+');
    return out.append(Math.abs(exponent) < 10 ? "0" : "").append(Math.abs(exponent)).toString();
  }

  private static String signedIfNumber(String text, Object arg, Spec spec) {
    return Values.isIntegral(arg) ? signed(text, spec) : text;
  }

  private static String signed(String number, Spec spec) {
    return spec.plus && !number.startsWith("-") ? "+" + number : number;
  }

  private static String bad(char verb, Object arg) {
    if (arg == null) {
      return "%!" + verb + "(<nil>)";
    }
    return "%!" + verb + "(" + Values.typeName(arg) + "=" + GoFormat.value(arg) + ")";
  }

  private static void pad(StringBuilder out, String s, Spec spec, boolean numeric) {
    int length = s.codePointCount(0, s.length());
    int missing = spec.width - length;
    if (missing <= 0) {
      out.append(s);
    } else if (spec.minus) {
      out.append(s).append(" ".repeat(missing));
    } else if (spec.zero) {
      int sign = numeric && (s.startsWith("-") || s.startsWith("+")) ? 1 : 0;
      out.append(s, 0, sign).append("0".repeat(missing)).append(s, sign, s.length());
    } else {
      out.append(" ".repeat(missing)).append(s);
    }
  }

  /** Go's {@code strconv.Quote}. */
  static String quote(String s) {
    return "\"" + escape(s, '"') + "\"";
  }

  private static String escape(String s, char quote) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case 7: out.append("\\a"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case 11: out.append("\\v"); break;
        case '\\': out.append("\\\\"); break;
        default:
          if (cp == quote) {
            out.append('\\').appendCodePoint(cp);
          } else if (cp < 0x20 || cp == 0x7f) {
            out.append(String.format("\\x%02x", cp));
          } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL
              || Character.getType(cp) == Character.FORMAT) {
            out.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
          } else {
            out.appendCodePoint(cp);
          }
      }
    });
    return out.toString();
  }
}
