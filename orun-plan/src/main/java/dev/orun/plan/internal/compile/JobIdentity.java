package dev.orun.plan.internal.compile;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The CI identity the Go planner gives each job: {@code uid} =
 * {@code job_<first 7 hex of c>_<first 12 hex of sha256(c + "\0" + job id)>} where {@code c} is the
 * checksum hex of the plan without identities; {@code displayName} = the job name with dashes as
 * spaces and the first letter upper-cased; {@code checkName} = {@code component · env · displayName}.
 */
final class JobIdentity {

    private JobIdentity() {
    }

    static List<Job> assign(Plan withoutIdentity) {
        String checksum = PlanJson.checksum(withoutIdentity).substring(PlanJson.CHECKSUM_PREFIX.length());
        return withoutIdentity.jobs().stream().map(job -> {
            String display = displayName(job.name());
            return job.withIdentity(uid(checksum, job.id()), display,
                    job.component() + " · " + job.environment() + " · " + display);
        }).toList();
    }

    static String displayName(String jobName) {
        String spaced = jobName.replace('-', ' ');
        return spaced.isEmpty() ? spaced
                : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    static String uid(String checksumHex, String jobId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((checksumHex + "\0" + jobId).getBytes(StandardCharsets.UTF_8));
            return "job_" + checksumHex.substring(0, 7) + "_" + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
