package dev.orun.backend.http;

import dev.orun.backend.Json;
import dev.orun.remote.protocol.ApiError;
import dev.orun.remote.protocol.ErrorCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a route runs (an undecodable path, a NUL in the URI): the
 * same JSON error body as every other refusal instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String errorCode = switch (code) {
      case 400 -> ErrorCodes.BAD_REQUEST;
      case 404 -> ErrorCodes.NOT_FOUND;
      case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
      default -> code >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.BAD_REQUEST;
    };
    String text = code == 400 ? "malformed request (invalid characters in the path or headers)" : "request refused";
    byte[] body = Json.writeBytes(ApiError.of(errorCode, text, null, null));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
