import java.sql.Connection;
import java.sql.DriverManager;

/** `java -cp orun-backend.jar DropDatabase.java ADMIN_URL NAME`: removes the bench's scratch database. */
public class DropDatabase {
  public static void main(String[] args) throws Exception {
    if (!args[1].matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("bad database name " + args[1]);
    }
    try (Connection c = DriverManager.getConnection(args[0])) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + args[1] + " WITH (FORCE)");
    }
  }
}
