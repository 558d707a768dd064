package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, compiled plan: a DAG of jobs. Jobs are kept sorted by id. Use {@link PlanJson} to
 * read, write and checksum plans.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "execution", "spec", "jobs"})
public record Plan(String apiVersion, String kind, PlanMetadata metadata,
                   ExecutionSettings execution, @JsonInclude(JsonInclude.Include.NON_EMPTY) PlanSpec spec,
                   List<Job> jobs) {

    public static final String API_VERSION = "orun.io/v1";
    public static final String KIND = "Plan";

    public Plan {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? new PlanMetadata(null, null, null, null, null) : metadata;
        execution = execution == null ? ExecutionSettings.defaults() : execution;
        spec = spec == null || spec.compositionSources().isEmpty() ? null : spec;
        jobs = jobs == null ? List.of()
                : jobs.stream().sorted(Comparator.comparing(Job::id)).toList();
    }

    /** A plan without a {@code spec} (no recorded composition sources). */
    public Plan(String apiVersion, String kind, PlanMetadata metadata, ExecutionSettings execution, List<Job> jobs) {
        this(apiVersion, kind, metadata, execution, null, jobs);
    }

    public static Plan of(PlanMetadata metadata, ExecutionSettings execution, List<Job> jobs) {
        return new Plan(API_VERSION, KIND, metadata, execution, null, jobs);
    }

    public Plan withMetadata(PlanMetadata newMetadata) {
        return new Plan(apiVersion, kind, newMetadata, execution, spec, jobs);
    }

    public Plan withSpec(PlanSpec newSpec) {
        return new Plan(apiVersion, kind, metadata, execution, newSpec, jobs);
    }

    /** The checksum without its {@code sha256-} prefix, or an empty string. */
    @JsonIgnore
    public String checksumHex() {
        String checksum = metadata.checksum();
        if (checksum == null) {
            return "";
        }
        return checksum.startsWith(PlanJson.CHECKSUM_PREFIX)
                ? checksum.substring(PlanJson.CHECKSUM_PREFIX.length()) : checksum;
    }

    /** The short plan id: the first 12 hex digits of the checksum. */
    @JsonIgnore
    public String planId() {
        String hex = checksumHex();
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    @JsonIgnore
    public Map<String, Job> jobsById() {
        Map<String, Job> byId = new LinkedHashMap<>();
        jobs.forEach(job -> byId.put(job.id(), job));
        return byId;
    }

    public Optional<Job> job(String id) {
        return jobs.stream().filter(job -> job.id().equals(id)).findFirst();
    }
}
