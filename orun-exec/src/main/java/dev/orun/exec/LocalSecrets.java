package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.exec.internal.secrets.SecretsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves the jobs' {@code secretRefs} on this machine, before any job runs
 * (docs/decisions/local-secrets.md). A reference's key is the last segment of its
 * {@code secret://} path, upper-cased, with anything but letters, digits and {@code _} turned
 * into {@code _}. The value comes from, first hit wins: the secrets file's entry for the whole
 * reference, its entry for the key, the variable {@code ORUN_SECRET_<key>}. A missing required
 * secret stops the run with one line naming every missing one (never a value); a missing
 * optional one is left out of the job's environment.
 */
public final class LocalSecrets {

    public static final String VARIABLE_PREFIX = "ORUN_SECRET_";

    private final Map<String, String> hostEnvironment;
    private final Map<String, String> fileEntries;
    private final Path file;

    /** @param secretsFile the {@code --secrets-file}, or {@code null} for environment variables only */
    public LocalSecrets(Map<String, String> hostEnvironment, Path secretsFile) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.file = secretsFile;
        this.fileEntries = secretsFile == null ? Map.of() : SecretsFile.read(secretsFile);
    }

    /** The key a reference is looked up by: {@code secret://acme/env:dev/db-password} → {@code DB_PASSWORD}. */
    public static String key(String ref) {
        return SecretRef.keyOf(ref);
    }

    /**
     * The values each job receives, by job id then env var name.
     *
     * @throws InvalidInputException when a required secret has no value here
     */
    public Map<String, Map<String, String>> resolve(List<Job> jobs) {
        Resolution found = resolveAvailable(jobs);
        found.requireComplete();
        return found.byJob();
    }

    /**
     * The values found on this machine, and what is missing. With a state server that holds
     * secrets the missing ones are asked from it per job (docs/decisions/remote-secrets.md).
     */
    public Resolution resolveAvailable(List<Job> jobs) {
        Map<String, Map<String, String>> byJob = new TreeMap<>();
        Map<String, List<String>> missing = new TreeMap<>();
        for (Job job : jobs) {
            Map<String, String> values = new TreeMap<>();
            for (SecretRef ref : job.secretRefs()) {
                String value = lookUp(ref.ref());
                if (value != null) {
                    values.put(ref.asEnv(), value);
                } else if (!ref.optional()) {
                    missing.computeIfAbsent(describe(ref), k -> new ArrayList<>()).add(job.id());
                }
            }
            if (!values.isEmpty()) {
                byJob.put(job.id(), values);
            }
        }
        return new Resolution(byJob, missing.isEmpty() ? null : message(missing));
    }

    /** The secrets found on this machine by job id then env var name; {@code missing} says what was not. */
    public record Resolution(Map<String, Map<String, String>> byJob, String missing) {

        /** @throws InvalidInputException naming every required secret not found here */
        public void requireComplete() {
            if (missing != null) {
                throw new InvalidInputException(missing);
            }
        }

        @Override
        public String toString() {
            return "Resolution[jobs=" + byJob.keySet() + ", missing=" + missing + "]";
        }
    }

    private String lookUp(String ref) {
        String fromFile = fileEntries.get(ref);
        if (fromFile == null) {
            fromFile = fileEntries.get(key(ref));
        }
        return fromFile != null ? fromFile : hostEnvironment.get(VARIABLE_PREFIX + key(ref));
    }

    private static String describe(SecretRef ref) {
        return key(ref.ref()) + " (" + ref.ref() + ")";
    }

    private String message(Map<String, List<String>> missing) {
        List<String> parts = new ArrayList<>();
        Map<String, String> hints = new LinkedHashMap<>();
        missing.forEach((secret, jobIds) -> {
            parts.add(secret + " for " + String.join(", ", jobIds));
            String key = secret.substring(0, secret.indexOf(' '));
            hints.put(key, VARIABLE_PREFIX + key);
        });
        String where = file == null ? "or pass --secrets-file" : "or add it to " + file;
        return "missing secret" + (missing.size() == 1 ? " " : "s ") + String.join("; ", parts)
                + " (nothing ran): set " + String.join(", ", hints.values()) + " " + where;
    }
}
