package com.example.hotline.store;

import com.example.hotline.config.HotlineConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: an external PostgreSQL ({@code db.url}) or the embedded one, a HikariCP pool, and the
 * migrations of {@code recordings-schema/} applied at start. Thread-safe after {@link #open}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DB = "hotline";
    /** Longest wait for any answer of the database; far beyond any query of this server. */
    private static final int SOCKET_TIMEOUT_SECONDS = 120;

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    /** Starts (embedded) or connects (external), checks durability, migrates. Fails with the cause. */
    public static Database open(HotlineConfig.Db config, Path embeddedDir) {
        EmbeddedPostgresServer embedded = null;
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("hotline-db");
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(30_000);
        // the call tracker saves its events in JDBC batches: sent as multi-row INSERTs they cost the
        // database a fraction of one statement per row
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        // a database that stops answering without closing (frozen, or a network that drops packets) must
        // not hold a thread forever: every read gives up after this and the work is retried
        hc.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            if (config.embedded()) {
                embedded = EmbeddedPostgresServer.start(embeddedDir);
                createDatabaseIfMissing(embedded.jdbcUrl("postgres"));
                hc.setJdbcUrl(embedded.jdbcUrl(EMBEDDED_DB));
                hc.setUsername("postgres");
            } else {
                hc.setJdbcUrl(config.url());
                hc.setUsername(config.user());
                hc.setPassword(config.password().value());
            }
            HikariDataSource pool = new HikariDataSource(hc);
            Database db = new Database(embedded, pool);
            db.checkDurability(config.embedded());
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new IllegalStateException("database " + (config.embedded() ? embeddedDir : config.url())
                    + ": " + e.getMessage(), e);
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DB + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + EMBEDDED_DB + " ENCODING 'UTF8'");
                log.info("embedded PostgreSQL: created database {}", EMBEDDED_DB);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + EMBEDDED_DB + ": " + e.getMessage(), e);
        }
    }

    /** A hotline that loses its ledger on power loss is not acceptable: refuse to run without fsync. */
    private void checkDurability(boolean embedded) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            String fsync = show(s, "fsync");
            String syncCommit = show(s, "synchronous_commit");
            if (!"on".equals(fsync) || "off".equals(syncCommit)) {
                String msg = "database is not durable (fsync=" + fsync + ", synchronous_commit=" + syncCommit + ")";
                if (embedded) {
                    throw new IllegalStateException(msg);
                }
                log.warn("{}: committed tickets and calls can be lost on power failure", msg);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query settings: " + e.getMessage(), e);
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void migrate() {
        var result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
        log.info("database schema: {} migrations applied, now at version {}", result.migrationsExecuted,
                result.targetSchemaVersion);
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * True when a connection answers within 2 s (after at most the pool's 5 s wait for one). A query
     * timeout would not do: it cancels through a new connection, which a frozen database never serves,
     * while {@code isValid} bounds the read itself.
     */
    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
