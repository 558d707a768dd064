package dev.orun.plan.template;

import dev.orun.plan.template.Ast.Arg;
import dev.orun.plan.template.Ast.Chain;
import dev.orun.plan.template.Ast.Command;
import dev.orun.plan.template.Ast.Control;
import dev.orun.plan.template.Ast.Node;
import dev.orun.plan.template.Ast.Pipeline;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Renders a parsed template against data. One executor per render: it holds the output and the
 * variable stack ({@code $} is the root data; {@code if/with/range} pop what they declared).
 *
 * <p>Missing keys: a field chain that reaches an absent key yields a {@link Missing}. Printing it,
 * or passing it to a function other than {@code eq ne and or not}, is an error naming the key;
 * {@code if}, {@code with} and {@code range} treat it as nil.
 */
final class Executor {
  private static final Object NO_FINAL = new Object();

  /** {@code {{break}}} and {@code {{continue}}} unwind to the enclosing range. */
  private static final class LoopSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean isBreak;

    LoopSignal(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private static final LoopSignal BREAK = new LoopSignal(true);
  private static final LoopSignal CONTINUE = new LoopSignal(false);

  private final String src;
  private final StringBuilder out;
  private String[] varNames = new String[8];
  private Object[] varValues = new Object[8];
  private int varCount;

  /** Go's limit is far deeper; ours stops runaway recursion long before the thread stack does. */
  private static final int MAX_TEMPLATE_DEPTH = 200;

  private final java.util.Map<String, List<Node>> definitions;
  private final int depth;

  Executor(String src, StringBuilder out, Object root) {
    this(src, out, root, java.util.Map.of(), 0);
  }

  Executor(String src, StringBuilder out, Object root, java.util.Map<String, List<Node>> definitions, int depth) {
    this.src = src;
    this.out = out;
    this.definitions = definitions;
    this.depth = depth;
    push("$", root);
  }

  void walk(Object dot, List<Node> nodes) {
    for (int i = 0, n = nodes.size(); i < n; i++) {
      walk(dot, nodes.get(i));
    }
  }

  private void walk(Object dot, Node node) {
    if (node instanceof Ast.Text) {
      out.append(((Ast.Text) node).text);
    } else if (node instanceof Ast.Print) {
      Pipeline pipeline = ((Ast.Print) node).pipeline;
      Object value = evalPipeline(dot, pipeline, true);
      if (pipeline.variables.isEmpty()) {
        print(value, pipeline.offset);
      }
    } else if (node instanceof Control) {
      control(dot, (Control) node);
    } else if (node instanceof Ast.TemplateCall) {
      callTemplate(dot, (Ast.TemplateCall) node);
    } else {
      throw ((Ast.LoopControl) node).isBreak ? BREAK : CONTINUE;
    }
  }

  /** {@code {{template "name" pipeline}}}: the named body with dot and {@code $} = the pipeline's value. */
  private void callTemplate(Object dot, Ast.TemplateCall call) {
    List<Node> body = definitions.get(call.name);
    if (body == null) {
      throw TemplateException.at(src, call.offset, "no such template \"" + call.name + "\"");
    }
    if (depth >= MAX_TEMPLATE_DEPTH) {
      throw TemplateException.at(src, call.offset, "exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
    }
    Object value = call.pipeline == null ? null : evalPipeline(dot, call.pipeline, true);
    if (value instanceof Missing) {
      value = null;
    }
    new Executor(src, out, value, definitions, depth + 1).walk(value, body);
  }

  private void print(Object value, int offset) {
    if (value instanceof Missing) {
      throw missingKey((Missing) value, offset);
    }
    if (value instanceof String) {
      out.append((String) value);
    } else if (value == null) {
      out.append("<no value>"); // what Go prints for a key whose value is nil
    } else {
      GoFormat.appendValue(out, value);
    }
  }

  private void control(Object dot, Control control) {
    int mark = varCount;
    try {
      switch (control.kind) {
        case IF:
          if (Values.isTrue(evalPipeline(dot, control.pipeline, true))) {
            walk(dot, control.body);
          } else if (control.otherwise != null) {
            walk(dot, control.otherwise);
          }
          break;
        case WITH:
          Object value = evalPipeline(dot, control.pipeline, true);
          if (Values.isTrue(value)) {
            walk(value, control.body);
          } else if (control.otherwise != null) {
            walk(dot, control.otherwise);
          }
          break;
        default:
          range(dot, control);
      }
    } finally {
      varCount = mark;
    }
  }

  private void range(Object dot, Control control) {
    Object value = evalPipeline(dot, control.pipeline, false);
    boolean iterated = false;
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : GoFormat.sortedEntries((Map<?, ?>) value)) {
        iterated = true;
        if (!iteration(control, e.getKey(), e.getValue())) {
          break;
        }
      }
    } else if (Values.isIntegral(value)) {
      long count = ((Number) value).longValue();
      for (long i = 0; i < count; i++) {
        iterated = true;
        if (!iteration(control, i, i)) {
          break;
        }
      }
    } else if (Values.asList(value) != null) {
      List<?> list = Values.asList(value);
      for (int i = 0; i < list.size(); i++) {
        iterated = true;
        if (!iteration(control, (long) i, list.get(i))) {
          break;
        }
      }
    } else if (value != null && !(value instanceof Missing)) {
      throw TemplateException.at(src, control.pipeline.offset,
          "range can't iterate over " + GoFormat.value(value));
    }
    if (!iterated && control.otherwise != null) {
      walk(dot, control.otherwise);
    }
  }

  /** Runs the range body once; false when it executed {@code {{break}}}. */
  private boolean iteration(Control control, Object key, Object element) {
    int mark = varCount;
    List<String> vars = control.pipeline.variables;
    if (!vars.isEmpty()) {
      declare(vars.get(vars.size() - 1), element, control.pipeline.isAssign);
      if (vars.size() > 1) {
        declare(vars.get(0), key, control.pipeline.isAssign);
      }
    }
    try {
      walk(element, control.body);
      return true;
    } catch (LoopSignal signal) {
      return !signal.isBreak;
    } finally {
      varCount = mark;
    }
  }

  private Object evalPipeline(Object dot, Pipeline pipeline, boolean declare) {
    Object value = NO_FINAL;
    List<Command> commands = pipeline.commands;
    for (int i = 0, n = commands.size(); i < n; i++) {
      value = evalCommand(dot, commands.get(i), value);
    }
    if (declare) {
      for (String name : pipeline.variables) {
        declare(name, value, pipeline.isAssign);
      }
    }
    return value;
  }

  private Object evalCommand(Object dot, Command command, Object piped) {
    Arg first = command.args.get(0);
    if (first instanceof Ast.Function) {
      return call(dot, (Ast.Function) first, command.args, piped);
    }
    return evalArg(dot, first); // the parser rejects arguments to non-functions
  }

  private Object evalArg(Object dot, Arg arg) {
    if (arg instanceof Chain) {
      Chain chain = (Chain) arg;
      Object receiver = chain.receiver == Chain.Receiver.DOT ? dot
          : chain.receiver == Chain.Receiver.VARIABLE ? lookup(chain.variable)
          : evalPipeline(dot, chain.pipeline, true);
      return fields(receiver, chain);
    }
    if (arg instanceof Ast.Literal) {
      return ((Ast.Literal) arg).value;
    }
    if (arg instanceof Ast.Dot) {
      return dot;
    }
    if (arg instanceof Ast.SubPipeline) {
      return evalPipeline(dot, ((Ast.SubPipeline) arg).pipeline, true);
    }
    return call(dot, (Ast.Function) arg, List.of(arg), NO_FINAL);
  }

  private Object fields(Object receiver, Chain chain) {
    Object current = receiver;
    for (String name : chain.fields) {
      if (current == null || current instanceof Missing) {
        return new Missing(chain.path);
      }
      if (!(current instanceof Map)) {
        throw TemplateException.at(src, chain.offset, "can't evaluate field " + name
            + " in type " + Values.typeName(current) + " (at ." + chain.path + ")");
      }
      Map<?, ?> map = (Map<?, ?>) current;
      current = map.get(name);
      if (current == null && !map.containsKey(name)) {
        return new Missing(chain.path);
      }
    }
    return current;
  }

  /** Calls a function: {@code args.get(0)} is the function, a piped value comes last. */
  private Object call(Object dot, Ast.Function function, List<Arg> args, Object piped) {
    String name = function.name;
    int explicit = args.size() - 1;
    int count = explicit + (piped == NO_FINAL ? 0 : 1);
    boolean isAnd = name.equals("and");
    if (isAnd || name.equals("or")) {
      if (count == 0) {
        throw TemplateException.at(src, function.offset,
            "wrong number of args for " + name + ": want at least 1 got 0");
      }
      Object result = null;
      for (int i = 0; i < count; i++) { // short-circuits like Go 1.18+
        result = i < explicit ? evalArg(dot, args.get(i + 1)) : piped;
        if (Values.isTrue(result) != isAnd) {
          return result;
        }
      }
      return result;
    }
    Object[] values = new Object[count];
    for (int i = 0; i < explicit; i++) {
      values[i] = evalArg(dot, args.get(i + 1));
    }
    if (piped != NO_FINAL) {
      values[count - 1] = piped;
    }
    if (!Builtins.acceptsMissing(name)) {
      // index may look into a missing map: the result is then a longer missing path.
      for (int i = name.equals("index") ? 1 : 0; i < count; i++) {
        if (values[i] instanceof Missing) {
          throw missingKey((Missing) values[i], function.offset);
        }
      }
    }
    String indexPath = explicit > 0 && args.get(1) instanceof Chain ? ((Chain) args.get(1)).path : null;
    try {
      return Builtins.call(name, values, indexPath);
    } catch (IllegalArgumentException e) {
      throw TemplateException.at(src, function.offset, "error calling " + name + ": " + e.getMessage());
    }
  }

  private TemplateException missingKey(Missing missing, int offset) {
    return TemplateException.at(src, offset, "missing key \"" + missing.path + "\"", missing.path);
  }

  private void declare(String name, Object value, boolean isAssign) {
    if (isAssign) {
      for (int i = varCount - 1; i >= 0; i--) {
        if (varNames[i].equals(name)) {
          varValues[i] = value;
          return;
        }
      }
    }
    push(name, value);
  }

  private void push(String name, Object value) {
    if (varCount == varNames.length) {
      varNames = Arrays.copyOf(varNames, varCount * 2);
      varValues = Arrays.copyOf(varValues, varCount * 2);
    }
    varNames[varCount] = name;
    varValues[varCount++] = value;
  }

  private Object lookup(String name) {
    for (int i = varCount - 1; i >= 0; i--) {
      if (varNames[i].equals(name)) {
        return varValues[i];
      }
    }
    throw new IllegalStateException("undefined variable " + name); // the parser checks this
  }
}
