package dev.orun.runner.gha.expr;

import java.util.List;

/** The syntax tree of an expression. */
sealed interface Node {

    record Literal(Object value) implements Node {
    }

    /** A context name at the root of an access chain: {@code github}, {@code steps}, … */
    record Context(String name) implements Node {
    }

    /** {@code target.name} or {@code target['name']} (names compare case-insensitively). */
    record Property(Node target, String name) implements Node {
    }

    /** {@code target[index]} with a computed index. */
    record Index(Node target, Node index) implements Node {
    }

    /** {@code target.*} or {@code target[*]}: the elements (or an object's values) as an array. */
    record Filter(Node target) implements Node {
    }

    record Not(Node operand) implements Node {
    }

    record Compare(Token.Kind operator, Node left, Node right) implements Node {
    }

    record And(Node left, Node right) implements Node {
    }

    record Or(Node left, Node right) implements Node {
    }

    record Call(String function, List<Node> arguments) implements Node {
    }
}
