package dev.orun.plan.template;

import java.util.List;

/** The parsed form of a template: a list of nodes, each remembering its source offset. */
final class Ast {
  private Ast() {
  }

  /** Something that renders: literal text or an action. */
  interface Node {
  }

  static final class Text implements Node {
    final String text;

    Text(String text) {
      this.text = text;
    }
  }

  /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
  static final class Print implements Node {
    final Pipeline pipeline;

    Print(Pipeline pipeline) {
      this.pipeline = pipeline;
    }
  }

  /** {@code if}, {@code with} and {@code range}; {@code otherwise} is null when there is no else. */
  static final class Control implements Node {
    enum Kind { IF, WITH, RANGE }

    final Kind kind;
    final Pipeline pipeline;
    final List<Node> body;
    final List<Node> otherwise;

    Control(Kind kind, Pipeline pipeline, List<Node> body, List<Node> otherwise) {
      this.kind = kind;
      this.pipeline = pipeline;
      this.body = body;
      this.otherwise = otherwise;
    }
  }

  /** {@code {{template "name" pipeline}}} (and the call half of {@code block}); pipeline may be null. */
  static final class TemplateCall implements Node {
    final String name;
    final Pipeline pipeline;
    final int offset;

    TemplateCall(String name, Pipeline pipeline, int offset) {
      this.name = name;
      this.pipeline = pipeline;
      this.offset = offset;
    }
  }

  /** {@code {{break}}} or {@code {{continue}}} inside a range. */
  static final class LoopControl implements Node {
    final boolean isBreak;

    LoopControl(boolean isBreak) {
      this.isBreak = isBreak;
    }
  }

  /** Commands joined by {@code |}, optionally assigned to variables ({@code $x :=} / {@code $x =}). */
  static final class Pipeline {
    final int offset;
    final List<String> variables;
    final boolean isAssign;
    final List<Command> commands;

    Pipeline(int offset, List<String> variables, boolean isAssign, List<Command> commands) {
      this.offset = offset;
      this.variables = variables;
      this.isAssign = isAssign;
      this.commands = commands;
    }
  }

  /** A function call ({@code eq .a "x"}) or a single operand ({@code .a.b}). */
  static final class Command {
    final int offset;
    final List<Arg> args;

    Command(int offset, List<Arg> args) {
      this.offset = offset;
      this.args = args;
    }
  }

  /** An operand. */
  interface Arg {
  }

  static final class Literal implements Arg {
    final Object value;
    final boolean isNil;

    Literal(Object value, boolean isNil) {
      this.value = value;
      this.isNil = isNil;
    }
  }

  /** {@code .} */
  static final class Dot implements Arg {
    static final Dot INSTANCE = new Dot();
  }

  /** A function name used as an operand. */
  static final class Function implements Arg {
    final String name;
    final int offset;

    Function(String name, int offset) {
      this.name = name;
      this.offset = offset;
    }
  }

  /**
   * A field chain applied to a receiver: {@code .a.b} (receiver dot), {@code $x.a} (a variable) or
   * {@code (pipeline).a}. {@code path} is the dotted path reported when a key is missing.
   */
  static final class Chain implements Arg {
    enum Receiver { DOT, VARIABLE, PIPELINE }

    final Receiver receiver;
    final String variable;
    final Pipeline pipeline;
    final String[] fields;
    final String path;
    final int offset;

    Chain(Receiver receiver, String variable, Pipeline pipeline, String[] fields, String path,
        int offset) {
      this.receiver = receiver;
      this.variable = variable;
      this.pipeline = pipeline;
      this.fields = fields;
      this.path = path;
      this.offset = offset;
    }
  }

  /** A parenthesised pipeline without a field chain. */
  static final class SubPipeline implements Arg {
    final Pipeline pipeline;

    SubPipeline(Pipeline pipeline) {
      this.pipeline = pipeline;
    }
  }
}
