package dev.orun.backend.http;

import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.session.AbstractSessionManager;

/**
 * The servlet context's session handler, for a server that has no HTTP sessions (every request
 * carries its bearer token): it never looks for a session cookie and never wraps the response
 * stream to save a session, which Javalin's default session handler did on every request
 * (docs/decisions/backend-throughput.md). Jetty's servlet context always has a session handler, so
 * this replaces it rather than removing it; a {@code getSession(false)} still answers null.
 */
final class NoSessions extends SessionHandler {
  @Override
  protected AbstractSessionManager.RequestedSession resolveRequestedSessionId(Request request) {
    return AbstractSessionManager.RequestedSession.NO_REQUESTED_SESSION;
  }

  @Override
  protected void addSessionStreamWrapper(Request request) {
    // no session to save when the response is sent
  }
}
