package dev.orun.remote.client;

import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.ObjectsMissingRequest;
import dev.orun.remote.protocol.ObjectsMissingResponse;
import java.util.List;

/** Uploads a content-addressed object unless the server already has it. */
final class ObjectUploader {
    private final StateHttp http;

    ObjectUploader(StateHttp http) {
        this.http = http;
    }

    String ensure(String kind, byte[] blob) {
        String digest = PlanBlob.digest(blob);
        ObjectsMissingResponse missing = http.json(StateHttp.Call.post("/objects/missing",
                new ObjectsMissingRequest(List.of(digest)), ContractVersion.REST, true), ObjectsMissingResponse.class);
        if (missing.missing() != null && missing.missing().contains(digest)) {
            http.putObject("/objects/" + digest, blob, kind); // the digest's colon stays raw
        }
        return digest;
    }
}
