package dev.orun.remote.client;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan object uploaded before a run is created. Deterministic on purpose (no upload time in
 * it): every process given the same plan uploads byte-identical content with the same digest.
 */
record PlanBlob(byte[] bytes, String digest) {

    static PlanBlob of(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        String checksum = plan.checksumHex();
        root.put("checksum", checksum.length() > 12 ? checksum.substring(0, 12) : checksum);
        root.put("version", plan.apiVersion());
        List<Object> jobs = new ArrayList<>();
        for (Job job : plan.jobs()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("jobId", job.id());
            if (job.component() != null) {
                j.put("component", job.component());
            }
            j.put("deps", job.dependsOn());
            jobs.add(j);
        }
        root.put("jobs", jobs);
        byte[] bytes = StateHttp.write(root);
        return new PlanBlob(bytes, digest(bytes));
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
