package dev.orun.remote.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.remote.protocol.ClaimResponse;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.WireEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming reading of a runner's most frequent answers gives what data binding gives, and
 * leaves every shape it does not expect to data binding.
 */
class WireReaderTest {

    private static final String EVENTS = """
            {"events":[{"seq":1,"kind":"state.run.created","runId":"0XHZMJB2WDRFG66KBQBGC76HNF",\
            "actor":{"id":"tok_ab44f13b2b11ac30","type":"api"},"at":"2026-12-02T06:28:22.075Z",\
            "idempotencyKey":"0XHZMJB2WDRFG66KBQBGC76HNF:state.run.created:1","v":1,\
            "payload":{"sourceHash":"sha256:2103f9","environment":null,"planDigest":"sha256:2103f9"}},\
            {"seq":2,"kind":"state.job.claimed","runId":"0XHZMJB2WDRFG66KBQBGC76HNF","jobId":"c00070@dev.build",\
            "actor":{"id":"tok_ab44f13b2b11ac30","type":"api"},"at":"2026-12-02T06:28:23.306Z",\
            "idempotencyKey":"c00070@dev.build:state.job.claimed:2","v":1,\
            "payload":{"leaseExpiresAt":"2026-12-02T06:29:23.306Z","runnerId":"host-1776-d37809",\
            "leaseEpoch":1,"attempt":1,"big":12345678901,"huge":123456789012345678901234567890,\
            "ratio":0.25,"flags":[true,false,null,{"x":[1,"y"]}]}}],"head":{"seq":402}}""";

    private static final String JOBS = """
            {"data":{"jobs":[{"runId":"0XHZ","jobId":"c00000@dev.build","orgId":"bench","projectId":"remote",\
            "component":"c00000","deps":[],"status":"succeeded","runnerId":"host-1763-5c1083","leaseEpoch":1,\
            "leaseExpiresAt":"2026-12-02T06:29:26.293Z","attempt":1,"errorText":null,\
            "startedAt":"2026-12-02T06:28:26.293Z","finishedAt":"2026-12-02T06:28:26.723Z"},\
            {"runId":"0XHZ","jobId":"c00001@dev.build","orgId":"bench","projectId":"remote","component":"c00001",\
            "deps":["c00000@dev.build",null],"status":"queued","runnerId":null,"leaseEpoch":null,\
            "leaseExpiresAt":null,"attempt":0,"errorText":"boom","startedAt":null,"finishedAt":null,\
            "futureField":{"nested":[1,2,{"a":null}]}}]}}""";

    private static final String CLAIM_WON = """
            {"claimed":true,"leaseEpoch":3,"leaseExpiresAt":"2026-12-02T06:29:23.306Z","seq":17,"attempt":2,\
            "leaseSeconds":60,"heartbeatIntervalSeconds":20}""";

    @Test
    void readsTheServersAnswersAsDataBindingDoes() throws IOException {
        same(EVENTS, EventPage.class);
        same(JOBS, JobList.class);
        same(CLAIM_WON, ClaimResponse.class);
        same("{\"claimed\":false,\"reason\":\"job_held\"}", ClaimResponse.class);
        same("{\"claimed\":false,\"cached\":true,\"result\":{\"digest\":\"sha256:ab\"}}", ClaimResponse.class);
        same("{\"leaseExpiresAt\":\"2026-12-02T06:29:23.306123Z\",\"leaseSeconds\":60,\"heartbeatIntervalSeconds\":20}",
                HeartbeatResponse.class);
        same("{\"data\":{\"leaseSeconds\":60},\"meta\":{\"requestId\":\"r1\"}}", HeartbeatResponse.class);
        same("{}", HeartbeatResponse.class);
        same("{\"events\":[],\"head\":{\"seq\":0}}", EventPage.class);
        same("{\"events\":null,\"head\":null}", EventPage.class);
    }

    @Test
    void theReadValuesAreTheOnesInTheAnswer() throws IOException {
        EventPage page = StateHttp.decode(bytes(EVENTS), EventPage.class);
        assertThat(page.head().seq()).isEqualTo(402);
        WireEvent claimed = page.events().get(1);
        assertThat(claimed.kind()).isEqualTo(WireEvent.JOB_CLAIMED);
        assertThat(claimed.at()).isEqualTo(Instant.parse("2026-12-02T06:28:23.306Z"));
        assertThat(claimed.payload()).containsEntry("runnerId", "host-1776-d37809").containsEntry("attempt", 1)
                .containsEntry("big", 12345678901L).containsEntry("ratio", 0.25);
        JobList jobs = StateHttp.decode(bytes(JOBS), JobList.class);
        assertThat(jobs.jobs()).extracting(RunJobView::status).containsExactly("succeeded", "queued");
        assertThat(jobs.jobs().get(1).deps()).containsExactly("c00000@dev.build", null);
        ClaimResponse won = StateHttp.decode(bytes(CLAIM_WON), ClaimResponse.class);
        assertThat(won.claimed()).isTrue();
        assertThat(won.leaseEpoch()).isEqualTo(3L);
        assertThat(won.heartbeatIntervalSeconds()).isEqualTo(20);
    }

    @Test
    void leavesEveryOtherShapeToDataBinding() throws IOException {
        List<String> unusual = List.of(
                "{\"claimed\":\"true\",\"leaseEpoch\":\"3\"}", // scalars coerced by data binding
                "{\"claimed\":true,\"leaseExpiresAt\":\"2026-12-02T07:29:23+01:00\"}", // an offset
                "{\"claimed\":true,\"leaseExpiresAt\":1764656963.5}", // epoch seconds
                "{\"claimed\":true,\"attempt\":1.0}",
                "{\"claimed\":true,\"claimed\":false}", // a repeated field: data binding keeps the last
                "{\"reason\":\"job_held\",\"data\":{\"claimed\":true}}", // "data" not first, still unwrapped
                "{\"data\":{\"claimed\":true},\"a\":1,\"b\":2}", // three fields: not unwrapped
                "{\"data\":null}");
        for (String answer : unusual) {
            assertThat(WireReader.read(StateHttp.JSON.getFactory(), bytes(answer), ClaimResponse.class))
                    .as(answer).isNull();
            Object bound = StateHttp.bind(bytes(answer), ClaimResponse.class);
            assertThat(StateHttp.decode(bytes(answer), ClaimResponse.class)).as(answer).isEqualTo(bound);
        }
        assertThat(StateHttp.decode(bytes("{\"reason\":\"job_held\",\"data\":{\"claimed\":true}}"),
                ClaimResponse.class).claimed()).as("unwrapped as before").isTrue();
        assertThatThrownBy(() -> StateHttp.decode(bytes("{\"attempt\":12345678901}"), ClaimResponse.class))
                .as("out of an int's range: refused as before").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StateHttp.decode(bytes("[]"), ClaimResponse.class))
                .as("not an object: refused as before").isInstanceOf(IOException.class);
        assertThat(WireReader.read(StateHttp.JSON.getFactory(), bytes("{\"claimed\":true}"), Map.class))
                .as("a type not read here").isNull();
    }

    @Test
    void agreesWithDataBindingOnRandomAnswers() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            List<WireEvent> events = new ArrayList<>();
            for (int e = random.nextInt(4); e > 0; e--) {
                Map<String, Object> payload = random.nextBoolean() ? null : new LinkedHashMap<>();
                if (payload != null) {
                    payload.put("runnerId", maybe(random, "host-" + random.nextInt(99)));
                    payload.put("attempt", random.nextInt(1, 4));
                    payload.put("leaseEpoch", random.nextLong(1, Long.MAX_VALUE));
                }
                events.add(new WireEvent(random.nextLong(0, 1_000_000), maybe(random, WireEvent.JOB_SUCCEEDED),
                        maybe(random, "RUN"), maybe(random, "c" + random.nextInt(200) + "@dev.build"),
                        random.nextBoolean() ? null : new WireEvent.EventActor(maybe(random, "tok"), "api"),
                        instant(random), maybe(random, "key"), random.nextInt(3), payload));
            }
            String page = new String(StateHttp.write(new EventPage(events, new EventPage.Head(random.nextLong(1000)))),
                    StandardCharsets.UTF_8);
            same(page, EventPage.class);
            List<RunJobView> jobs = new ArrayList<>();
            for (int j = random.nextInt(4); j > 0; j--) {
                jobs.add(new RunJobView(maybe(random, "RUN"), "c" + j + "@dev.build", "org", maybe(random, "p"),
                        maybe(random, "c"), random.nextBoolean() ? null : List.of("a@dev.build"),
                        maybe(random, "running"), maybe(random, "host-1"),
                        random.nextBoolean() ? null : random.nextLong(1, 9), instant(random), random.nextInt(5),
                        maybe(random, "err\n\"quoted\""), instant(random), instant(random)));
            }
            String list = "{\"data\":" + new String(StateHttp.write(new JobList(jobs)), StandardCharsets.UTF_8) + "}";
            same(list, JobList.class);
            String claim = new String(StateHttp.write(random.nextBoolean()
                    ? ClaimResponse.won(random.nextLong(1, 99), instant(random), random.nextLong(99), 1, 60, 20)
                    : ClaimResponse.lost(ClaimResponse.DEPS_NOT_READY)), StandardCharsets.UTF_8);
            same(claim, ClaimResponse.class);
        }
    }

    private static <T> void same(String answer, Class<T> type) throws IOException {
        T read = WireReader.read(StateHttp.JSON.getFactory(), bytes(answer), type);
        assertThat(read).as("read without data binding: %s", answer).isNotNull();
        assertThat(read).as(answer).isEqualTo(StateHttp.bind(bytes(answer), type));
    }

    private static String maybe(SplittableRandom random, String value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static Instant instant(SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        // whole seconds, milliseconds, microseconds and nanoseconds, as servers write them
        long second = random.nextLong(0, 4_102_444_800L);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nanos);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
