package dev.orun.runner.gha.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates a parsed expression against an {@link EvaluationContext}. */
final class Evaluator {

    private final EvaluationContext context;

    Evaluator(EvaluationContext context) {
        this.context = context;
    }

    Object evaluate(Node node) {
        if (node instanceof Node.Literal literal) {
            return literal.value();
        }
        if (node instanceof Node.Context ctx) {
            return context.contexts().get(ctx.name());
        }
        if (node instanceof Node.Property property) {
            return access(evaluate(property.target()), property.name());
        }
        if (node instanceof Node.Index index) {
            return index(evaluate(index.target()), evaluate(index.index()));
        }
        if (node instanceof Node.Filter filter) {
            return filter(evaluate(filter.target()));
        }
        if (node instanceof Node.Not not) {
            return !Values.truthy(evaluate(not.operand()));
        }
        if (node instanceof Node.And and) {
            Object left = evaluate(and.left());
            return Values.truthy(left) ? evaluate(and.right()) : left;
        }
        if (node instanceof Node.Or or) {
            Object left = evaluate(or.left());
            return Values.truthy(left) ? left : evaluate(or.right());
        }
        if (node instanceof Node.Compare compare) {
            Object left = evaluate(compare.left());
            Object right = evaluate(compare.right());
            return switch (compare.operator()) {
                case EQ -> Values.looseEquals(left, right);
                case NE -> !Values.looseEquals(left, right);
                default -> Values.compare(compare.operator(), left, right);
            };
        }
        Node.Call call = (Node.Call) node;
        List<Object> args = new ArrayList<>(call.arguments().size());
        call.arguments().forEach(arg -> args.add(evaluate(arg)));
        return Functions.call(call.function(), args, context);
    }

    /** {@code x.name}: on a filtered array, applied to each element (dropping nulls). */
    private Object access(Object target, String name) {
        if (target instanceof FilteredArray filtered) {
            FilteredArray result = new FilteredArray();
            for (Object item : filtered) {
                Object value = Values.property(item, name);
                if (value != null) {
                    result.add(value);
                }
            }
            return result;
        }
        return Values.property(target, name);
    }

    private Object index(Object target, Object index) {
        if (target instanceof FilteredArray filtered) {
            FilteredArray result = new FilteredArray();
            for (Object item : filtered) {
                Object value = index(item, index);
                if (value != null) {
                    result.add(value);
                }
            }
            return result;
        }
        if (target instanceof List<?> list) {
            double n = Values.toNumber(index);
            if (Double.isNaN(n) || n < 0 || n >= list.size()) {
                return null;
            }
            return list.get((int) Math.floor(n));
        }
        if (target instanceof Map) {
            return Values.property(target, Values.toText(index));
        }
        return null;
    }

    private Object filter(Object target) {
        FilteredArray result = new FilteredArray();
        if (target instanceof FilteredArray filtered) {
            for (Object item : filtered) {
                if (item instanceof List<?> list) {
                    result.addAll(list);
                } else if (item instanceof Map<?, ?> map) {
                    result.addAll(map.values());
                }
            }
        } else if (target instanceof List<?> list) {
            result.addAll(list);
        } else if (target instanceof Map<?, ?> map) {
            result.addAll(map.values());
        }
        return result;
    }

    /** The array a {@code *} filter produces; property access maps over its elements. */
    static final class FilteredArray extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }
}
