package dev.orun.plan.template;

import dev.orun.plan.template.Ast.Arg;
import dev.orun.plan.template.Ast.Chain;
import dev.orun.plan.template.Ast.Command;
import dev.orun.plan.template.Ast.Control;
import dev.orun.plan.template.Ast.Node;
import dev.orun.plan.template.Ast.Pipeline;
import dev.orun.plan.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node tree from tokens with Go's grammar: actions, {@code if/else if/else},
 * {@code with/else with/else}, {@code range/else}, {@code break/continue}, pipelines, variables.
 * Unknown functions and undefined variables are parse errors, as in Go.
 */
final class Parser {
  private final String src;
  private final TokenStream in;
  private List<String> variables = new ArrayList<>(List.of("$"));
  /** Templates named by {@code define} and {@code block}, in order of definition. */
  private final java.util.Map<String, List<Node>> definitions = new java.util.LinkedHashMap<>();
  private int depth;
  private int rangeDepth;

  /** How an item list ended: {@code {{end}}}, {@code {{else}}} or the end of the template. */
  private static final class Terminator {
    final String keyword;
    final Token token;

    Terminator(String keyword, Token token) {
      this.keyword = keyword;
      this.token = token;
    }
  }

  private Parser(String src, List<Token> tokens) {
    this.src = src;
    this.in = new TokenStream(tokens);
  }

  static List<Node> parse(String src) {
    return parseWithDefinitions(src, new java.util.LinkedHashMap<>());
  }

  /** Parses the main template; {@code define}d and {@code block} templates go into {@code definitions}. */
  static List<Node> parseWithDefinitions(String src, java.util.Map<String, List<Node>> definitions) {
    Parser parser = new Parser(src, Lexer.lex(src));
    List<Node> nodes = new ArrayList<>();
    Terminator end = parser.itemList(nodes);
    if (end.keyword != null) {
      throw parser.error(end.token, "unexpected {{" + end.keyword + "}}");
    }
    definitions.putAll(parser.definitions);
    return nodes;
  }

  /** Parses nodes into {@code into} until {@code end}, {@code else} or EOF. */
  private Terminator itemList(List<Node> into) {
    while (true) {
      Token token = in.next();
      switch (token.kind) {
        case EOF:
          return new Terminator(null, token);
        case TEXT:
          into.add(new Ast.Text(token.text));
          break;
        case LEFT_DELIM:
          Token keyword = in.peekNonSpace();
          if (keyword.kind == Kind.KEYWORD) {
            in.nextNonSpace();
            switch (keyword.text) {
              case "end":
                expect(Kind.RIGHT_DELIM, "end");
                return new Terminator("end", keyword);
              case "else":
                Token after = in.peekNonSpace();
                if (!(after.kind == Kind.KEYWORD
                    && (after.text.equals("if") || after.text.equals("with")))) {
                  expect(Kind.RIGHT_DELIM, "else");
                }
                return new Terminator("else", keyword);
              default:
                Node action = keywordAction(keyword);
                if (action != null) {
                  into.add(action);
                }
            }
          } else {
            into.add(new Ast.Print(pipeline("command", Kind.RIGHT_DELIM)));
          }
          break;
        default:
          throw unexpected(token, "input");
      }
    }
  }

  private Node keywordAction(Token keyword) {
    switch (keyword.text) {
      case "if":
        return control(Control.Kind.IF, keyword);
      case "with":
        return control(Control.Kind.WITH, keyword);
      case "range":
        return control(Control.Kind.RANGE, keyword);
      case "break":
      case "continue":
        if (rangeDepth == 0) {
          throw error(keyword, "{{" + keyword.text + "}} outside {{range}}");
        }
        expect(Kind.RIGHT_DELIM, keyword.text);
        return new Ast.LoopControl(keyword.text.equals("break"));
      case "define":
        if (depth > 0) {
          throw error(keyword, "unexpected {{define}} inside another action");
        }
        define(templateName(keyword), keyword);
        return null;
      case "template": {
        String name = templateName(keyword);
        Pipeline pipeline = in.peekNonSpace().kind == Kind.RIGHT_DELIM ? null : pipeline("template", Kind.RIGHT_DELIM);
        if (pipeline == null) {
          expect(Kind.RIGHT_DELIM, "template");
        }
        return new Ast.TemplateCall(name, pipeline, keyword.offset);
      }
      case "block": {
        String name = templateName(keyword);
        Pipeline pipeline = pipeline("block", Kind.RIGHT_DELIM);
        define(name, keyword);
        return new Ast.TemplateCall(name, pipeline, keyword.offset);
      }
      default:
        throw error(keyword, "{{" + keyword.text + "}} is not supported");
    }
  }

  private String templateName(Token keyword) {
    Token name = in.nextNonSpace();
    if (name.kind != Kind.STRING) {
      throw unexpected(name, keyword.text + " clause");
    }
    return name.value instanceof String unquoted ? unquoted : name.text;
  }

  /** The body up to {@code {{end}}}, parsed with fresh variables, as Go parses a named template. */
  private void define(String name, Token keyword) {
    if (!keyword.text.equals("block")) {
      expect(Kind.RIGHT_DELIM, "define clause");
    }
    List<String> outer = variables;
    variables = new ArrayList<>(List.of("$"));
    depth++;
    List<Node> body = new ArrayList<>();
    Terminator end = itemList(body);
    depth--;
    variables = outer;
    if (end.keyword == null || !end.keyword.equals("end")) {
      throw error(keyword, "unclosed {{" + keyword.text + "}}: missing {{end}}");
    }
    boolean empty = body.stream().allMatch(n -> n instanceof Ast.Text t && t.text.isBlank());
    List<Node> existing = definitions.get(name);
    boolean existingEmpty = existing == null
        || existing.stream().allMatch(n -> n instanceof Ast.Text t && t.text.isBlank());
    if (!existingEmpty && !empty) {
      throw error(keyword, "template: multiple definition of template \"" + name + "\"");
    }
    if (existingEmpty) {
      definitions.put(name, List.copyOf(body));
    }
  }

  private Control control(Control.Kind kind, Token keyword) {
    String context = kind.name().toLowerCase();
    int scope = variables.size();
    depth++;
    try {
      Pipeline pipeline = pipeline(context, Kind.RIGHT_DELIM);
      List<Node> body = new ArrayList<>();
      if (kind == Control.Kind.RANGE) {
        rangeDepth++;
      }
      Terminator end = itemList(body);
      if (kind == Control.Kind.RANGE) {
        rangeDepth--;
      }
      List<Node> otherwise = null;
      if (end.keyword == null) {
        throw error(keyword, "unclosed {{" + context + "}}: missing {{end}}");
      }
      if (end.keyword.equals("else")) {
        otherwise = new ArrayList<>();
        Token chained = in.peekNonSpace();
        boolean elseIf = kind == Control.Kind.IF && chained.text.equals("if");
        boolean elseWith = kind == Control.Kind.WITH && chained.text.equals("with");
        if (chained.kind == Kind.KEYWORD && (elseIf || elseWith)) {
          // {{else if b}} is {{else}}{{if b}}...{{end}}, sharing the outer {{end}}.
          in.nextNonSpace();
          otherwise.add(control(kind, chained));
        } else if (chained.kind == Kind.KEYWORD) {
          throw error(chained, "{{else " + chained.text + "}} is not allowed in {{" + context + "}}");
        } else {
          Terminator elseEnd = itemList(otherwise);
          if (elseEnd.keyword == null) {
            throw error(keyword, "unclosed {{" + context + "}}: missing {{end}}");
          }
          if (!elseEnd.keyword.equals("end")) {
            throw error(elseEnd.token, "expected {{end}}, found {{" + elseEnd.keyword + "}}");
          }
        }
      }
      return new Control(kind, pipeline, body, otherwise);
    } finally {
      depth--;
      truncateVariables(scope);
    }
  }

  private Pipeline pipeline(String context, Kind end) {
    int offset = in.peekNonSpace().offset;
    List<String> declared = new ArrayList<>(2);
    boolean isAssign = false;
    if (in.peekNonSpace().kind == Kind.VARIABLE) {
      int mark = in.mark();
      Token variable = in.nextNonSpace();
      Token op = in.nextNonSpace();
      if (op.kind == Kind.COMMA) {
        if (!context.equals("range")) {
          throw error(op, "too many declarations in " + context);
        }
        declared.add(variable.text);
        variable = in.nextNonSpace();
        if (variable.kind != Kind.VARIABLE) {
          throw error(variable, "range can only initialize variables");
        }
        op = in.nextNonSpace();
        if (op.kind != Kind.DECLARE && op.kind != Kind.ASSIGN) {
          throw unexpected(op, "range declaration");
        }
      }
      if (op.kind == Kind.DECLARE || op.kind == Kind.ASSIGN) {
        declared.add(variable.text);
        isAssign = op.kind == Kind.ASSIGN;
        for (String name : isAssign ? declared : List.<String>of()) {
          if (!variables.contains(name)) {
            throw error(variable, "undefined variable \"" + name + "\"");
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
        throw unexpected(token, context);
      }
      in.back();
      commands.add(command(context, commands.size()));
      if (in.peek(-1).kind == Kind.PIPE && in.peekNonSpace().kind == end) {
        throw error(in.peekNonSpace(), "missing command after \"|\" in " + context);
      }
    }
    if (commands.isEmpty()) {
      throw error(in.previous(), "missing value for " + context);
    }
    variables.addAll(declared);
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
        throw unexpected(token, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error(in.peek(), "empty command in " + context);
    }
    Arg first = args.get(0);
    if (!(first instanceof Ast.Function)) {
      if (first instanceof Ast.Literal && ((Ast.Literal) first).isNil) {
        throw error(offset, "nil is not a command");
      }
      if (args.size() > 1 || stage > 0) {
        throw error(offset, "can't give argument to non-function " + src.substring(offset,
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
    throw error(start, "unexpected . after term " + start.describe());
  }

  private Arg term() {
    Token token = in.next();
    switch (token.kind) {
      case IDENTIFIER:
        if (!Builtins.exists(token.text)) {
          throw error(token, "function \"" + token.text + "\" not defined");
        }
        return new Ast.Function(token.text, token.offset);
      case DOT:
        return Ast.Dot.INSTANCE;
      case NIL:
        return new Ast.Literal(null, true);
      case VARIABLE:
        if (!variables.contains(token.text)) {
          throw error(token, "undefined variable \"" + token.text + "\"");
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

  private void expect(Kind kind, String context) {
    Token token = in.nextNonSpace();
    if (token.kind != kind) {
      throw unexpected(token, context);
    }
  }

  private void truncateVariables(int size) {
    while (variables.size() > size) {
      variables.remove(variables.size() - 1);
    }
  }

  private TemplateException unexpected(Token token, String context) {
    if (token.kind == Kind.EOF) {
      return error(token, "unexpected end of template in " + context);
    }
    return error(token, "unexpected " + token.describe() + " in " + context);
  }

  private TemplateException error(Token token, String message) {
    return error(token.offset, message);
  }

  private TemplateException error(int offset, String message) {
    return TemplateException.at(src, offset, message);
  }
}
