import java.sql.Connection;
import java.sql.DriverManager;

/** `java -cp orun-backend.jar CreateDatabase.java ADMIN_URL NAME`: a scratch database for the bench. */
public class CreateDatabase {
  public static void main(String[] args) throws Exception {
    if (!args[1].matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("bad database name " + args[1]);
    }
    try (Connection c = DriverManager.getConnection(args[0])) {
      c.createStatement().execute("CREATE DATABASE " + args[1]);
    }
  }
}
