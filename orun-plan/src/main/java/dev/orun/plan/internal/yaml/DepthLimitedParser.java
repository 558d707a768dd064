package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Counts open mappings and sequences as the composer consumes events and refuses a document
 * nested deeper than {@link YamlLimits#MAX_DEPTH}. The composer builds nodes recursively, so
 * without this check 20,000 nested brackets end in a {@code StackOverflowError}; the parser itself
 * keeps an explicit stack, so stopping here, before the composer descends, is safe.
 */
final class DepthLimitedParser implements Parser {

    private final Parser parser;
    private final Path file;
    private int depth;

    DepthLimitedParser(Parser parser, Path file) {
        this.parser = parser;
        this.file = file;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > YamlLimits.MAX_DEPTH) {
                    int line = event.getStartMark().map(Mark::getLine).orElse(0) + 1;
                    throw InvalidInputException.at(file, line,
                            "nesting deeper than " + YamlLimits.MAX_DEPTH + " levels");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
                // scalars, aliases and document/stream markers do not change the depth
            }
        }
        return event;
    }
}
