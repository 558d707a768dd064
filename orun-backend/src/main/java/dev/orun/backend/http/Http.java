package dev.orun.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.orun.backend.Json;
import dev.orun.backend.service.ApiException;
import dev.orun.remote.protocol.ApiError;
import dev.orun.remote.protocol.DataEnvelope;
import dev.orun.remote.protocol.ErrorCodes;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Reading bounded bodies and writing the two response shapes (wrapped dialect A, flat dialect B). */
final class Http {
  static final String REQUEST_ID = "requestId";

  /** The most of a refused body read only so that the client receives the 413 (see {@link #drain}). */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;
  /** Bodies up to this declared size are read straight into an array of their size. */
  private static final long EXACT_READ_LIMIT = 64 * 1024;

  private Http() {}

  static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id == null ? "req_unknown" : id;
  }

  /** Reads at most {@code limit} bytes of body; more is a 413 before anything is stored. */
  static byte[] body(Context ctx, long limit, String what) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        drain(in, declared);
        throw ApiException.tooLarge(what, limit);
      }
      if (declared >= 0 && declared < Integer.MAX_VALUE) {
        // The usual case, a small body with its length declared: read exactly that into an array of
        // that size (a 64 KiB buffer per request was 5% of a coordination verb's CPU, readNBytes'
        // 8 KiB chunks and copy still 4%), then make sure nothing follows. A large declared length
        // is read in chunks, so a client cannot make the server allocate what it never sends.
        byte[] exact = declared <= EXACT_READ_LIMIT ? readExactly(in, (int) declared) : in.readNBytes((int) declared);
        if (exact.length == declared && in.read() < 0) {
          return exact;
        }
        throw ApiException.badRequest("the request body does not match its Content-Length");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > limit) {
          drain(in, Long.MAX_VALUE);
          throw ApiException.tooLarge(what, limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read request body: " + e.getMessage());
    }
  }

  /** {@code length} bytes, or fewer if the body ends first. */
  private static byte[] readExactly(InputStream in, int length) throws IOException {
    byte[] out = new byte[length];
    int got = 0;
    for (int n; got < length && (n = in.read(out, got, length - got)) > 0; ) {
      got += n;
    }
    return got == length ? out : java.util.Arrays.copyOf(out, got);
  }

  /**
   * Reads and discards the rest of a refused body, up to {@link #DRAIN_LIMIT}. A server that answers
   * 413 and closes while the client is still sending makes the client's kernel see a reset, and the
   * client then loses the 413 itself ("no bytes" instead of the JSON error); a body far beyond the
   * limit is not worth reading, so that one still gets the close.
   */
  private static void drain(InputStream in, long declared) throws IOException {
    if (declared > DRAIN_LIMIT) {
      return;
    }
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
      total += n;
    }
  }

  /** Parses a JSON body strictly: malformed is 400, an unknown field is 422 naming it. */
  static <T> T json(Context ctx, long limit, Class<T> type) {
    byte[] bytes = body(ctx, limit, "request body");
    if (bytes.length == 0) {
      throw ApiException.badRequest("a JSON request body is required");
    }
    try {
      T value = Json.reader(type).readValue(bytes);
      if (value == null) {
        throw ApiException.badRequest("a JSON object is required");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalid(e.getPropertyName(), "unknown field");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read request body");
    }
  }

  /** Dialect A: {@code {"data": payload, "meta": {...}}}. */
  static void wrapped(Context ctx, int status, Object payload) {
    flat(ctx, status, DataEnvelope.of(payload, requestId(ctx)));
  }

  /** Dialect B and auth: the payload as is. */
  static void flat(Context ctx, int status, Object payload) {
    ctx.status(status).contentType("application/json").result(Json.writeBytes(payload));
  }

  static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
    flat(ctx, status, ApiError.of(code, message, details, requestId(ctx)));
  }

  static long longParam(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ApiException(400, ErrorCodes.BAD_REQUEST, name + " must be an integer");
    }
  }
}
