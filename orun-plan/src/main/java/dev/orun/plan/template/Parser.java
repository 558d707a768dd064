package dev.orun.plan.template;

import dev.orun.plan.template.Ast.Control;
import dev.orun.plan.template.Ast.Node;
import dev.orun.plan.template.Ast.Pipeline;
import dev.orun.plan.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node tree from tokens with Go's grammar: actions, {@code if/else if/else},
 * {@code with/else with/else}, {@code range/else}, {@code break/continue}, {@code define},
 * {@code template}, {@code block}; what stands inside an action is {@link PipelineParser}'s.
 */
final class Parser {
  private final TokenStream in;
  private final VariableScope variables = new VariableScope();
  private final ParseErrors errors;
  private final PipelineParser pipelines;
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
    this.in = new TokenStream(tokens);
    this.errors = new ParseErrors(src);
    this.pipelines = new PipelineParser(src, in, variables, errors);
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
    List<String> outer = variables.startTemplate();
    depth++;
    List<Node> body = new ArrayList<>();
    Terminator end = itemList(body);
    depth--;
    variables.endTemplate(outer);
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
    int scope = variables.mark();
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
      variables.endBlock(scope);
    }
  }

  private void expect(Kind kind, String context) {
    Token token = in.nextNonSpace();
    if (token.kind != kind) {
      throw unexpected(token, context);
    }
  }

  private Pipeline pipeline(String context, Kind end) {
    return pipelines.pipeline(context, end);
  }

  private TemplateException unexpected(Token token, String context) {
    return errors.unexpected(token, context);
  }

  private TemplateException error(Token token, String message) {
    return errors.at(token, message);
  }
}
