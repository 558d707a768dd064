package dev.orun.exec.internal;

import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The order in which a worker considers the jobs ready to start (by rank in the plan's order).
 * Alone, a worker takes them in plan order, deterministically. Workers sharing a run through a
 * state server each start at a random rank and wrap around instead: all taking the lowest rank
 * first made every worker claim the same job at once, and all but one spend a request on being
 * told it is held (decision: docs/decisions/remote-state-client.md).
 */
final class ReadyOrder {
    private final Random spread;
    private final int ranks;

    private ReadyOrder(Random spread, int ranks) {
        this.spread = spread;
        this.ranks = ranks;
    }

    static ReadyOrder planOrder() {
        return new ReadyOrder(null, 0);
    }

    static ReadyOrder spreadAmongWorkers(int ranks) {
        return new ReadyOrder(new Random(), ranks);
    }

    Iterable<Integer> of(NavigableSet<Integer> ready) {
        if (spread == null || ready.size() < 2) {
            return ready;
        }
        int from = spread.nextInt(Math.max(1, ranks));
        List<Integer> order = Stream.concat(ready.tailSet(from, true).stream(), ready.headSet(from, false).stream())
                .toList();
        return order;
    }
}
