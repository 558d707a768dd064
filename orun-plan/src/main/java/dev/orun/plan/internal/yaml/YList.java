package dev.orun.plan.internal.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A YAML sequence. */
public record YList(List<YNode> items, Path file, int line) implements YNode {

    public YList {
        items = List.copyOf(items);
    }

    @Override
    public List<Object> toValue() {
        List<Object> values = new ArrayList<>(items.size());
        items.forEach(item -> values.add(item.toValue()));
        return values;
    }
}
