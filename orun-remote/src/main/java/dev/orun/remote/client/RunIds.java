package dev.orun.remote.client;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Identities on the wire: the 26-character run id the server keys a run by (derived from the
 * execution id, so every process given the same execution id joins the same run) and the runner
 * id a process claims jobs under (unique per process, so two matrix legs never share one and
 * mistake each other's claim for their own; see docs/decisions/remote-state-client.md).
 */
public final class RunIds {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    /** SHA-256 of the exec id, folded to 128 bits (first half XOR second), in 26 Crockford base-32 digits. */
    public static String wireRunId(String execId) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(execId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] folded = new byte[16];
        for (int i = 0; i < 16; i++) {
            folded[i] = (byte) (d[i] ^ d[i + 16]);
        }
        BigInteger value = new BigInteger(1, folded);
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = CROCKFORD.charAt(value.intValue() & 31);
            value = value.shiftRight(5);
        }
        return new String(out);
    }

    /**
     * A runner id unique to this process: the GitHub Actions job identity when there is one (so
     * the server's records say which workflow ran a job), else host and pid, plus random hex.
     */
    public static String runnerId(Map<String, String> env) {
        String suffix = HexFormat.of().formatHex(randomBytes(3));
        if ("true".equals(env.get("GITHUB_ACTIONS")) && env.get("GITHUB_RUN_ID") != null) {
            return "gha-" + env.get("GITHUB_RUN_ID") + "-" + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1") + "-"
                    + env.getOrDefault("GITHUB_JOB", "job") + "-" + suffix;
        }
        String host = env.getOrDefault("HOSTNAME", "host");
        return host + "-" + ProcessHandle.current().pid() + "-" + suffix;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
