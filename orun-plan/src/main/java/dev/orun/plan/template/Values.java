package dev.orun.plan.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Go's view of Java data: kinds, truthiness, comparison and type names for messages. */
final class Values {
  private Values() {
  }

  /** Go's "basic kinds" used by the comparison functions; OTHER covers maps, lists and objects. */
  enum Kind { NIL, BOOL, INT, FLOAT, STRING, OTHER }

  static Kind kind(Object v) {
    if (v == null || v instanceof Missing) {
      return Kind.NIL;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (isIntegral(v)) {
      return Kind.INT;
    }
    if (v instanceof Number) {
      return Kind.FLOAT;
    }
    if (v instanceof CharSequence) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  static boolean isIntegral(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger;
  }

  /** Go truthiness: false, 0, nil and empty strings, lists and maps are false. */
  static boolean isTrue(Object v) {
    if (v == null || v instanceof Missing) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof BigInteger) {
      return ((BigInteger) v).signum() != 0;
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).signum() != 0;
    }
    if (isIntegral(v)) {
      return ((Number) v).longValue() != 0;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue() != 0;
    }
    if (v instanceof CharSequence) {
      return ((CharSequence) v).length() > 0;
    }
    if (v instanceof Map) {
      return !((Map<?, ?>) v).isEmpty();
    }
    if (v instanceof Collection) {
      return !((Collection<?>) v).isEmpty();
    }
    if (v instanceof Object[]) {
      return ((Object[]) v).length > 0;
    }
    return true;
  }

  /** A list view of a Collection or array, or null when the value is neither. */
  static List<?> asList(Object v) {
    if (v instanceof List) {
      return (List<?>) v;
    }
    if (v instanceof Collection) {
      return List.copyOf((Collection<?>) v);
    }
    if (v instanceof Object[]) {
      return Arrays.asList((Object[]) v);
    }
    return null;
  }

  /** Go's {@code eq} for two operands; nil equals only nil, mixed basic kinds are an error. */
  static boolean equal(Object a, Object b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      if (ka == Kind.NIL || kb == Kind.NIL) {
        return false;
      }
      throw new IllegalArgumentException("incompatible types for comparison: "
          + typeName(a) + " and " + typeName(b));
    }
    switch (ka) {
      case NIL:
        return true;
      case BOOL:
        return a.equals(b);
      case INT:
        return compareIntegers(a, b) == 0;
      case FLOAT:
        return ((Number) a).doubleValue() == ((Number) b).doubleValue();
      case STRING:
        return a.toString().equals(b.toString());
      default:
        if (a instanceof Map || b instanceof Map || asList(a) != null || asList(b) != null) {
          throw new IllegalArgumentException("non-comparable type " + typeName(a));
        }
        return a.equals(b);
    }
  }

  /** Go's {@code lt}-family ordering: numbers of one kind or strings only. */
  static int compare(Object a, Object b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (!isOrdered(ka) || !isOrdered(kb)) {
      throw new IllegalArgumentException("invalid type for comparison: "
          + typeName(isOrdered(ka) ? b : a));
    }
    if (ka != kb) {
      throw new IllegalArgumentException("incompatible types for comparison: "
          + typeName(a) + " and " + typeName(b));
    }
    switch (ka) {
      case INT:
        return compareIntegers(a, b);
      case FLOAT:
        return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
      default:
        return a.toString().compareTo(b.toString());
    }
  }

  private static boolean isOrdered(Kind k) {
    return k == Kind.INT || k == Kind.FLOAT || k == Kind.STRING;
  }

  private static int compareIntegers(Object a, Object b) {
    if (a instanceof BigInteger || b instanceof BigInteger) {
      return toBig(a).compareTo(toBig(b));
    }
    return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
  }

  private static BigInteger toBig(Object v) {
    return v instanceof BigInteger ? (BigInteger) v : BigInteger.valueOf(((Number) v).longValue());
  }

  /** The Go type a value would have when decoded from YAML, for error messages. */
  static String typeName(Object v) {
    if (v == null || v instanceof Missing) {
      return "<nil>";
    }
    if (v instanceof CharSequence) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (isIntegral(v)) {
      return "int";
    }
    if (v instanceof Float) {
      return "float32";
    }
    if (v instanceof Number) {
      return "float64";
    }
    if (v instanceof Map) {
      return "map[string]interface {}";
    }
    if (asList(v) != null) {
      return "[]interface {}";
    }
    return v.getClass().getSimpleName();
  }
}
