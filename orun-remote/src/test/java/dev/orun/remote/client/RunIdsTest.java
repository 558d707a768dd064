package dev.orun.remote.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void the_wire_run_id_is_the_folded_sha256_of_the_exec_id_in_crockford_base32() {
        Map<String, String> table = Map.of(
                "gha-9876543210-1-a1b2c3d4e5f6", "59ABNF2F1SKV6Z9W21Y24MT02R",
                "gha_9876543210_1", "6V06ER53AADQSA8JXJEFC65QPN",
                "local_18f3a_ab12cd", "12Z7SJ6NNDHR7XBCKYF1BDQK2B",
                "", "643T2TDZ37HXC3WVKDTFGKT0BH");
        table.forEach((execId, wire) -> assertThat(RunIds.wireRunId(execId)).as(execId)
                .isEqualTo(wire).matches("^[0-7][0-9A-HJKMNP-TV-Z]{25}$"));
    }

    @Test
    void matrix_legs_of_one_workflow_job_get_different_runner_ids() {
        Map<String, String> gha = Map.of("GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "42", "GITHUB_JOB", "run");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(RunIds.runnerId(gha));
        }
        assertThat(ids).hasSize(50).allMatch(id -> id.startsWith("gha-42-1-run-"));
    }
}
