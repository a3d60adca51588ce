package com.example.hotline.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A real, throw-away PostgreSQL for store tests: embedded, migrated with the real migrations of
 * {@code recordings-schema/} (classpath:db/migration) exactly as {@link Database} does. One per test
 * class; {@link #clear} empties the tables between tests.
 */
public final class TestDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestDatabase start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration")
                    .validateMigrationNaming(true).load().migrate();
            return new TestDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL for tests did not start", e);
        }
    }

    /** The JDBC URL of the database, for a server process pointed at it ({@code db.url}); user postgres, no password. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Empties every table of the schema (keeps Flyway's history). */
    public void clear() {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            // every table the migrations made, so a new migration needs no change here
            s.execute("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = "
                    + "'public' AND tablename <> 'flyway_schema_history' LOOP EXECUTE format('TRUNCATE %I RESTART "
                    + "IDENTITY CASCADE', t); END LOOP; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
