package dev.orun.plan.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's predefined template functions that compositions use. {@code and} and {@code or} are
 * evaluated lazily by {@link Executor}; the rest receive evaluated arguments here. Failures throw
 * {@link IllegalArgumentException}, which the executor wraps with the call's position.
 */
final class Builtins {
  private Builtins() {
  }

  private static final Set<String> NAMES = Set.of(
      "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "print", "printf",
      "println", "html", "js", "urlquery", "slice", "call", "shellquote");

  /** Functions whose operands may be missing keys (treated as nil) without an error. */
  private static final Set<String> CONDITIONS = Set.of("and", "or", "not", "eq", "ne");

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  static boolean acceptsMissing(String name) {
    return CONDITIONS.contains(name);
  }

  /** Calls a function other than {@code and}/{@code or}; {@code indexPath} names index's base. */
  static Object call(String name, Object[] args, String indexPath) {
    switch (name) {
      case "not":
        arity(name, args, 1);
        return !Values.isTrue(args[0]);
      case "eq":
        if (args.length < 2) {
          throw new IllegalArgumentException("missing argument for comparison");
        }
        for (int i = 1; i < args.length; i++) {
          if (Values.equal(args[0], args[i])) {
            return true;
          }
        }
        return false;
      case "ne":
        arity(name, args, 2);
        return !Values.equal(args[0], args[1]);
      case "lt":
        arity(name, args, 2);
        return Values.compare(args[0], args[1]) < 0;
      case "le":
        arity(name, args, 2);
        return Values.compare(args[0], args[1]) <= 0;
      case "gt":
        arity(name, args, 2);
        return Values.compare(args[0], args[1]) > 0;
      case "ge":
        arity(name, args, 2);
        return Values.compare(args[0], args[1]) >= 0;
      case "len":
        arity(name, args, 1);
        return length(args[0]);
      case "index":
        if (args.length == 0) {
          throw new IllegalArgumentException("wrong number of args for index: want at least 1 got 0");
        }
        return index(args, indexPath);
      case "print":
        return GoFormat.sprint(args);
      case "shellquote":
        arity(name, args, 1);
        return shellQuote(GoFormat.sprint(args));
      case "println":
        return GoFormat.sprintln(args);
      case "printf":
        if (args.length == 0 || !(args[0] instanceof CharSequence)) {
          throw new IllegalArgumentException("printf needs a format string as its first argument");
        }
        Object[] rest = new Object[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        return Printf.format(args[0].toString(), rest);
      case "html":
        return Escapes.html(text(args));
      case "js":
        return Escapes.js(text(args));
      case "urlquery":
        return Escapes.urlQuery(text(args));
      case "slice":
        return slice(args);
      case "call":
        if (args.length == 0) {
          throw new IllegalArgumentException("wrong number of args for call: want at least 1 got 0");
        }
        throw new IllegalArgumentException("non-function of type " + (args[0] == null ? "<nil>"
            : Values.typeName(args[0])) + " (template data holds no functions)");
      default:
        throw new IllegalStateException("no implementation for function " + name);
    }
  }

  /** Go's evalArgs: a lone string as it is, anything else as print would format it. */
  private static String text(Object[] args) {
    if (args.length == 1 && args[0] instanceof CharSequence) {
      return args[0].toString();
    }
    return GoFormat.sprint(args);
  }

  /** Go's slice: {@code slice x 1 2} on a string (byte offsets) or a list; 3 indices only for lists. */
  private static Object slice(Object[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("wrong number of args for slice: want at least 1 got 0");
    }
    Object item = args[0];
    if (item == null) {
      throw new IllegalArgumentException("slice of untyped nil");
    }
    if (args.length > 4) {
      throw new IllegalArgumentException("too many slice indexes: " + (args.length - 1));
    }
    List<?> list = Values.asList(item);
    boolean string = item instanceof CharSequence;
    if (list == null && !string) {
      throw new IllegalArgumentException("can't slice item of type " + Values.typeName(item));
    }
    if (string && args.length == 4) {
      throw new IllegalArgumentException("cannot 3-index slice a string");
    }
    byte[] bytes = string ? item.toString().getBytes(StandardCharsets.UTF_8) : null;
    int length = string ? bytes.length : list.size();
    int[] at = {0, length, length};
    for (int i = 1; i < args.length; i++) {
      if (!Values.isIntegral(args[i])) {
        throw new IllegalArgumentException("cannot index slice/array with type " + Values.typeName(args[i]));
      }
      long value = ((Number) args[i]).longValue();
      if (value < 0 || value > length) {
        throw new IllegalArgumentException("index out of range: " + value);
      }
      at[i - 1] = (int) value;
    }
    if (at[0] > at[1]) {
      throw new IllegalArgumentException("invalid slice index: " + at[0] + " > " + at[1]);
    }
    if (args.length == 4 && at[1] > at[2]) {
      throw new IllegalArgumentException("invalid slice index: " + at[1] + " > " + at[2]);
    }
    if (string) {
      return new String(java.util.Arrays.copyOfRange(bytes, at[0], at[1]), StandardCharsets.UTF_8);
    }
    return List.copyOf(list.subList(at[0], at[1]));
  }

  private static void arity(String name, Object[] args, int want) {
    if (args.length != want) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want " + want
          + " got " + args.length);
    }
  }

  /** Go's len: bytes of a string (UTF-8), elements of a list or map. */
  private static long length(Object v) {
    if (v instanceof CharSequence) {
      return v.toString().getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).size();
    }
    List<?> list = Values.asList(v);
    if (list != null) {
      return list.size();
    }
    throw new IllegalArgumentException("len of " + (v == null ? "nil pointer" : "type " + Values.typeName(v)));
  }

  /**
   * Go's index: {@code index m "k" 0}. An absent map key yields a {@link Missing} (printing it is
   * then a missing-key error, testing it is false); a list index out of range is an error.
   */
  private static Object index(Object[] args, String basePath) {
    Object item = args[0];
    String path = basePath;
    for (int i = 1; i < args.length; i++) {
      Object key = args[i];
      if (item instanceof Missing) {
        return new Missing(path == null ? String.valueOf(key) : path + "." + key);
      }
      if (item == null) {
        throw new IllegalArgumentException("index of untyped nil");
      }
      if (item instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) item;
        if (!(key instanceof String) && !map.isEmpty()
            && map.keySet().iterator().next() instanceof String) {
          throw new IllegalArgumentException("value has type " + Values.typeName(key)
              + "; should be string");
        }
        path = path == null ? String.valueOf(key) : path + "." + key;
        item = map.containsKey(key) ? map.get(key) : new Missing(path);
        continue;
      }
      List<?> list = Values.asList(item);
      if (list == null && !(item instanceof CharSequence)) {
        throw new IllegalArgumentException("can't index item of type " + Values.typeName(item));
      }
      if (!Values.isIntegral(key)) {
        throw new IllegalArgumentException("cannot index slice/array with type " + Values.typeName(key));
      }
      long at = ((Number) key).longValue();
      if (list != null) {
        if (at < 0 || at >= list.size()) {
          throw new IllegalArgumentException("index out of range: " + at);
        }
        item = list.get((int) at);
      } else {
        byte[] bytes = item.toString().getBytes(StandardCharsets.UTF_8);
        if (at < 0 || at >= bytes.length) {
          throw new IllegalArgumentException("index out of range: " + at);
        }
        item = (long) (bytes[(int) at] & 0xff);
      }
      path = path == null ? null : path + "." + at;
    }
    return item;
  }

  /**
   * orun's one addition to Go's functions: the value as one POSIX shell word, in single quotes,
   * each embedded {@code '} written as {@code '\''}. Nothing inside single quotes is special to
   * sh, bash or dash, so no value can end the word or start a command.
   */
  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
