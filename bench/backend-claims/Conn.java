import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One kept-alive HTTP/1.1 connection of the bench driver (ClaimLoad): plain socket, no client library. */
final class Conn {
  final Socket socket = new Socket();
  final InputStream in;
  final byte[] buf = new byte[16384];
  int pos;
  int lim;
  final OutputStream out;

  private final String host;
  private final int port;
  private final String token;

  Conn(String host, int port, String token) throws IOException {
    this.host = host;
    this.port = port;
    this.token = token;
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(60_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  String exchange(String method, String path, String type, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
        .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
        .append("\r\nAuthorization: Bearer ").append(token).append("\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(type).append("\r\nContent-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET")) {
      head.append("Content-Length: 0\r\n");
    }
    byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + (body == null ? 0 : body.length)];
    System.arraycopy(h, 0, all, 0, h.length);
    if (body != null) {
      System.arraycopy(body, 0, all, h.length, body.length);
    }
    out.write(all); // head and body in one segment
    out.flush();
    String status = line();
    if (status == null) {
      throw new IOException("connection closed");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      String k = l.substring(0, l.indexOf(':')).trim().toLowerCase();
      String v = l.substring(l.indexOf(':') + 1).trim();
      switch (k) {
        case "content-length" -> length = Long.parseLong(v);
        case "transfer-encoding" -> chunked = v.equalsIgnoreCase("chunked");
        case "connection" -> close = v.equalsIgnoreCase("close");
        default -> { }
      }
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (chunked) {
      for (long n = Long.parseLong(line().split(";")[0].trim(), 16); n > 0; n = Long.parseLong(line().split(";")[0].trim(), 16)) {
        copy(b, n);
        line();
      }
      while (!line().isEmpty()) { } // trailers
    } else if (length >= 0) {
      copy(b, length);
    }
    if (close) {
      close(); // the caller sees isClosed() and opens a new connection for its next request
    }
    String text = b.toString(StandardCharsets.UTF_8);
    if (code >= 300) {
      throw new IllegalStateException(method + " " + path + " -> " + code + " " + text);
    }
    return text;
  }

  private void copy(ByteArrayOutputStream b, long n) throws IOException {
    while (n > 0) {
      if (pos == lim && !fill()) {
        throw new IOException("connection closed mid-body");
      }
      int r = (int) Math.min(lim - pos, n);
      b.write(buf, pos, r);
      pos += r;
      n -= r;
    }
  }

  /** Reads more of the response into the buffer (its own, unsynchronised: this runs per byte). */
  private boolean fill() throws IOException {
    int r = in.read(buf, 0, buf.length);
    if (r <= 0) {
      return false;
    }
    pos = 0;
    lim = r;
    return true;
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos == lim && !fill()) {
        return sb.length() == 0 ? null : sb.toString();
      }
      byte ch = buf[pos++];
      if (ch == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) (ch & 0xff));
    }
  }

  boolean isClosed() {
    return socket.isClosed();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
