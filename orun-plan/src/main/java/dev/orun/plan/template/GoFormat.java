package dev.orun.plan.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Renders values the way Go's {@code fmt} does with {@code %v}, {@code Sprint} and {@code Sprintln}. */
final class GoFormat {
  private GoFormat() {
  }

  /** Go orders map keys when printing: numbers numerically, strings lexically. */
  static final Comparator<Object> KEY_ORDER = (a, b) -> {
    if (a instanceof Number && b instanceof Number) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (a instanceof String && b instanceof String) {
      return ((String) a).compareTo((String) b);
    }
    int byType = Values.typeName(a).compareTo(Values.typeName(b));
    return byType != 0 ? byType : String.valueOf(a).compareTo(String.valueOf(b));
  };

  static String value(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    StringBuilder out = new StringBuilder();
    appendValue(out, v);
    return out.toString();
  }

  /** {@code %v}: ints {@code 3}, floats shortest ({@code 1.5}, {@code 2}), {@code map[a:1]}, {@code [a b]}. */
  static void appendValue(StringBuilder out, Object v) {
    if (v == null) {
      out.append("<nil>");
    } else if (v instanceof CharSequence || v instanceof Boolean || Values.isIntegral(v)) {
      out.append(v);
    } else if (v instanceof Float) {
      out.append(shortestFloat((Float) v, Float.toString((Float) v)));
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      out.append(shortestFloat(d, Double.toString(d)));
    } else if (v instanceof Map) {
      out.append("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : sortedEntries((Map<?, ?>) v)) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        appendValue(out, e.getKey());
        out.append(':');
        appendValue(out, e.getValue());
      }
      out.append(']');
    } else if (Values.asList(v) != null) {
      out.append('[');
      boolean first = true;
      for (Object item : Values.asList(v)) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        appendValue(out, item);
      }
      out.append(']');
    } else {
      out.append(v);
    }
  }

  static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> map) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    entries.sort((x, y) -> KEY_ORDER.compare(x.getKey(), y.getKey()));
    return entries;
  }

  /**
   * Go's {@code %v} for floats: {@code strconv.FormatFloat(f, 'g', -1, bits)} — the shortest
   * digits that round-trip, in exponent form when the decimal exponent is below -4 or at least 6
   * (so {@code 1e+06}, {@code 123456}, {@code 1e-05}). {@code javaShortest} is Java's
   * round-tripping rendering of the same value, from which the digits are taken.
   */
  static String shortestFloat(double d, String javaShortest) {
    String special = special(d);
    return special != null ? special : formatG(new BigDecimal(javaShortest), -1);
  }

  /** Go's {@code %.Ng}: N significant digits, trailing zeros dropped. */
  static String precisionFloat(double d, int precision) {
    String special = special(d);
    if (special != null) {
      return special;
    }
    int digits = Math.max(precision, 1);
    return formatG(new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN)), digits);
  }

  private static String special(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    return null;
  }

  /** strconv's 'g' layout; {@code precision} -1 means shortest (exponent threshold 6). */
  private static String formatG(BigDecimal value, int precision) {
    BigDecimal exact = value.stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    int eprec = precision;
    if (precision < 0) {
      eprec = 6;
    } else if (eprec > digits.length() && digits.length() >= exponent + 1) {
      eprec = digits.length();
    }
    StringBuilder out = new StringBuilder();
    if (exact.signum() < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= eprec) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    } else {
      out.append(exact.abs().toPlainString());
    }
    return out.toString();
  }

  /** Go's {@code Sprint}: operands joined by a space when neither side is a string. */
  static String sprint(Object[] args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      boolean isString = args[i] instanceof CharSequence;
      if (i > 0 && !isString && !(args[i - 1] instanceof CharSequence)) {
        out.append(' ');
      }
      appendValue(out, args[i]);
    }
    return out.toString();
  }

  /** Go's {@code Sprintln}: operands always joined by a space, then a newline. */
  static String sprintln(Object[] args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      appendValue(out, args[i]);
    }
    return out.append('\n').toString();
  }
}
