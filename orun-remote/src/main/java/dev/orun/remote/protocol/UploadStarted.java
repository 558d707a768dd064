package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code POST …/objects/{digest}/uploads}: a multipart upload and the part size to use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadStarted(String uploadId, long partSize) {}
