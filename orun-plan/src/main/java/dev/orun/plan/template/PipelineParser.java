package dev.orun.plan.template;

import dev.orun.plan.template.Ast.Arg;
import dev.orun.plan.template.Ast.Chain;
import dev.orun.plan.template.Ast.Command;
import dev.orun.plan.template.Ast.Pipeline;
import dev.orun.plan.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses what stands inside an action: a pipeline of commands ({@code a | b c}), with an optional
 * variable declaration or assignment in front, and each command's operands (fields, variables,
 * literals, functions, parenthesised pipelines). Unknown functions and undefined variables are
 * parse errors, as in Go.
 */
final class PipelineParser {
  private final String src;
  private final TokenStream in;
  private final VariableScope variables;
  private final ParseErrors errors;

  PipelineParser(String src, TokenStream in, VariableScope variables, ParseErrors errors) {
    this.src = src;
    this.in = in;
    this.variables = variables;
    this.errors = errors;
  }

  /** A pipeline up to the token {@code end} (consumed); declared variables come into scope. */
  Pipeline pipeline(String context, Kind end) {
    int offset = in.peekNonSpace().offset;
    List<String> declared = new ArrayList<>(2);
    boolean isAssign = false;
    if (in.peekNonSpace().kind == Kind.VARIABLE) {
      int mark = in.mark();
      Token variable = in.nextNonSpace();
      Token op = in.nextNonSpace();
      if (op.kind == Kind.COMMA) {
        if (!context.equals("range")) {
          throw errors.at(op, "too many declarations in " + context);
        }
        declared.add(variable.text);
        variable = in.nextNonSpace();
        if (variable.kind != Kind.VARIABLE) {
          throw errors.at(variable, "range can only initialize variables");
        }
        op = in.nextNonSpace();
        if (op.kind != Kind.DECLARE && op.kind != Kind.ASSIGN) {
          throw errors.unexpected(op, "range declaration");
        }
      }
      if (op.kind == Kind.DECLARE || op.kind == Kind.ASSIGN) {
        declared.add(variable.text);
        isAssign = op.kind == Kind.ASSIGN;
        for (String name : isAssign ? declared : List.<String>of()) {
          if (!variables.declared(name)) {
            throw errors.at(variable, "undefined variable \"" + name + "\"");
          }
        }
      } else {
        in.reset(mark);
      }
    }
    List<Command> commands = new ArrayList<>();
    while (true) {
      Token token = in.nextNonSpace();
      if (token.kind == end) {
        break;
      }
      if (!token.kind.startsOperand()) {
        throw errors.unexpected(token, context);
      }
      in.back();
      commands.add(command(context, commands.size()));
      if (in.peek(-1).kind == Kind.PIPE && in.peekNonSpace().kind == end) {
        throw errors.at(in.peekNonSpace(), "missing command after \"|\" in " + context);
      }
    }
    if (commands.isEmpty()) {
      throw errors.at(in.previous(), "missing value for " + context);
    }
    variables.declare(declared);
    return new Pipeline(offset, declared, isAssign, commands);
  }

  private Command command(String context, int stage) {
    int offset = in.peekNonSpace().offset;
    List<Arg> args = new ArrayList<>();
    while (true) {
      in.skipSpaces();
      Arg operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token token = in.next();
      if (token.kind == Kind.SPACE) {
        continue;
      }
      if (token.kind == Kind.RIGHT_DELIM || token.kind == Kind.RIGHT_PAREN) {
        in.back();
      } else if (token.kind != Kind.PIPE) {
        throw errors.unexpected(token, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw errors.at(in.peek(), "empty command in " + context);
    }
    Arg first = args.get(0);
    if (!(first instanceof Ast.Function)) {
      if (first instanceof Ast.Literal && ((Ast.Literal) first).isNil) {
        throw errors.at(offset, "nil is not a command");
      }
      if (args.size() > 1 || stage > 0) {
        throw errors.at(offset, "can't give argument to non-function " + src.substring(offset,
            Math.min(src.length(), offset + 40)).split("[\\s|)}]", 2)[0]);
      }
    }
    return new Command(offset, args);
  }

  private Arg operand() {
    Token start = in.peek();
    Arg term = term();
    if (term == null || in.peek().kind != Kind.FIELD) {
      return term;
    }
    List<String> fields = new ArrayList<>();
    while (in.peek().kind == Kind.FIELD) {
      fields.add(in.next().text.substring(1));
    }
    String[] names = fields.toArray(new String[0]);
    String suffix = String.join(".", fields);
    if (term instanceof Chain) {
      Chain c = (Chain) term;
      String[] all = new String[c.fields.length + names.length];
      System.arraycopy(c.fields, 0, all, 0, c.fields.length);
      System.arraycopy(names, 0, all, c.fields.length, names.length);
      String path = c.path.isEmpty() ? suffix
          : c.path.equals("$") ? suffix : c.path + "." + suffix;
      return new Chain(c.receiver, c.variable, c.pipeline, all, path, c.offset);
    }
    if (term instanceof Ast.SubPipeline) {
      return new Chain(Chain.Receiver.PIPELINE, null, ((Ast.SubPipeline) term).pipeline, names,
          suffix, start.offset);
    }
    throw errors.at(start, "unexpected . after term " + start.describe());
  }

  private Arg term() {
    Token token = in.next();
    switch (token.kind) {
      case IDENTIFIER:
        if (!Builtins.exists(token.text)) {
          throw errors.at(token, "function \"" + token.text + "\" not defined");
        }
        return new Ast.Function(token.text, token.offset);
      case DOT:
        return Ast.Dot.INSTANCE;
      case NIL:
        return new Ast.Literal(null, true);
      case VARIABLE:
        if (!variables.declared(token.text)) {
          throw errors.at(token, "undefined variable \"" + token.text + "\"");
        }
        return new Chain(Chain.Receiver.VARIABLE, token.text, null, new String[0], token.text,
            token.offset);
      case FIELD:
        List<String> fields = new ArrayList<>();
        fields.add(token.text.substring(1));
        while (in.peek().kind == Kind.FIELD) {
          fields.add(in.next().text.substring(1));
        }
        return new Chain(Chain.Receiver.DOT, null, null, fields.toArray(new String[0]),
            String.join(".", fields), token.offset);
      case BOOL:
      case NUMBER:
      case STRING:
        return new Ast.Literal(token.value, false);
      case LEFT_PAREN:
        return new Ast.SubPipeline(pipeline("parenthesized pipeline", Kind.RIGHT_PAREN));
      default:
        in.back();
        return null;
    }
  }
}
