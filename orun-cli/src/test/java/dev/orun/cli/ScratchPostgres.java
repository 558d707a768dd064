package dev.orun.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh database {@code orun_test_<random>} on the PostgreSQL named by
 * {@code ORUN_TEST_POSTGRES_URL}, dropped on close. Without that variable the calling test is
 * skipped with a message saying so (the driver comes with orun-backend on the test class path).
 */
final class ScratchPostgres implements AutoCloseable {
    static final String ENV = "ORUN_TEST_POSTGRES_URL";

    private final String adminUrl;
    private final String name;

    private ScratchPostgres(String adminUrl) {
        this.adminUrl = adminUrl;
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        this.name = "orun_test_" + HexFormat.of().formatHex(b);
        execute("CREATE DATABASE " + name);
    }

    static ScratchPostgres createOrSkip() {
        String admin = System.getenv(ENV);
        assumeTrue(admin != null && !admin.isBlank(), "PostgreSQL tests skipped: set " + ENV
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p)");
        return new ScratchPostgres(admin);
    }

    /** The JDBC URL of the scratch database (the admin URL with its database name replaced). */
    String jdbcUrl() {
        int q = adminUrl.indexOf('?');
        String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
        String params = q < 0 ? "" : adminUrl.substring(q);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + name + params;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql.replaceAll("\\?.*", "") + ": " + e.getMessage(), e);
        }
    }
}
