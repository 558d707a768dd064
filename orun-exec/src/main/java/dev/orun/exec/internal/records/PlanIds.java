package dev.orun.exec.internal.records;

import dev.orun.core.plan.PlanJson;

/** Short forms of plan checksums for records and messages. */
public final class PlanIds {

    private PlanIds() {
    }

    /** The first 12 hex digits of a checksum, with or without its {@code sha256-} prefix. */
    public static String shortId(String checksum) {
        String hex = checksum.startsWith(PlanJson.CHECKSUM_PREFIX)
                ? checksum.substring(PlanJson.CHECKSUM_PREFIX.length()) : checksum;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
