package com.example.hotline.store;

import com.example.hotline.auth.User;
import com.example.hotline.auth.UserAccounts;
import com.example.hotline.auth.UserStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Users in PostgreSQL: sign-in lookups and the administrator's accounts. Thread-safe; every method blocks. */
public final class JdbcUserStore implements UserStore, UserAccounts {

    private static final String COLUMNS = "id, username, role, extension, departments, buildings, active";

    private final DataSource dataSource;

    public JdbcUserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An active user by name; a locked-out one is not found. */
    @Override
    public Optional<StoredUser> find(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT " + COLUMNS + ", password_hash FROM users WHERE username = ? AND active")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredUser(account(rs).user(), rs.getString("password_hash")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("find user", e);
        }
    }

    @Override
    public boolean createIfAbsent(String username, String passwordHash, String role) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role) "
                     + "VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("create user " + username, e);
        }
    }

    @Override
    public List<Account> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            List<Account> out = new ArrayList<>();
            while (rs.next()) {
                out.add(account(rs));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("list users", e);
        }
    }

    @Override
    public Optional<Account> get(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("get user " + id, e);
        }
    }

    @Override
    public Optional<Account> create(Account a, String passwordHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role, extension, "
                     + "departments, buildings, active) VALUES (?, ?, ?, ?, ?, ?, ?) "
                     + "ON CONFLICT (username) DO NOTHING RETURNING " + COLUMNS)) {
            ps.setString(1, a.username());
            ps.setString(2, passwordHash);
            ps.setString(3, a.role());
            ps.setString(4, a.extension());
            ps.setArray(5, c.createArrayOf("text", a.departments().toArray()));
            ps.setArray(6, c.createArrayOf("text", a.buildings().toArray()));
            ps.setBoolean(7, a.active());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("create user " + a.username(), e);
        }
    }

    @Override
    public boolean update(Account a) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ?, extension = ?, departments = ?, "
                     + "buildings = ?, active = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, a.role());
            ps.setString(2, a.extension());
            ps.setArray(3, c.createArrayOf("text", a.departments().toArray()));
            ps.setArray(4, c.createArrayOf("text", a.buildings().toArray()));
            ps.setBoolean(5, a.active());
            ps.setLong(6, a.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("update user " + a.id(), e);
        }
    }

    @Override
    public boolean setPassword(long id, String passwordHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("set password of user " + id, e);
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("role"),
                rs.getString("extension"), texts(rs.getArray("departments")), texts(rs.getArray("buildings")),
                rs.getBoolean("active"));
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
