package dev.orun.exec.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunSummary;
import dev.orun.exec.internal.records.RecordsJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The machine-readable views behind {@code orun status --json}: stable field names, two-space
 * indentation, one document ending with a newline. Built from the read SPI, so every state
 * backend's runs render the same.
 */
public final class StatusDocuments {

    private StatusDocuments() {
    }

    /**
     * One run: {@code {execId, inProgress, metadata, state}}; {@code metadata} is the
     * {@code metadata.json} shape with exact job counts, {@code state} the {@code RunState} shape.
     */
    public static String run(RunRecord run) {
        ObjectNode node = RecordsJson.mapper().createObjectNode();
        node.put("execId", run.execId());
        node.put("inProgress", run.inProgress());
        RunMetadata meta = run.metadata();
        node.set("metadata", RecordsJson.mapper().valueToTree(
                meta.withProgress(meta.status(), meta.finishedAt(), run.jobCounts())));
        node.set("state", RecordsJson.mapper().valueToTree(run.state()));
        return text(node);
    }

    /** Runs newest first: {@code [{execId, inProgress, abandoned, metadata}]}. */
    public static String list(List<RunSummary> runs) {
        ArrayNode array = RecordsJson.mapper().createArrayNode();
        for (RunSummary run : runs) {
            ObjectNode node = array.addObject();
            node.put("execId", run.execId());
            node.put("inProgress", run.inProgress());
            node.put("abandoned", run.abandoned());
            node.set("metadata", RecordsJson.mapper().valueToTree(run.metadata()));
        }
        return text(array);
    }

    private static String text(Object node) {
        return new String(RecordsJson.pretty(node), StandardCharsets.UTF_8);
    }
}
