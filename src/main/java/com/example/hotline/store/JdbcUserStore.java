package com.example.hotline.store;

import com.example.hotline.auth.User;
import com.example.hotline.auth.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Users in PostgreSQL. Thread-safe; every method blocks. */
public final class JdbcUserStore implements UserStore {

    private final DataSource dataSource;

    public JdbcUserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<StoredUser> find(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, username, role, password_hash FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredUser(new User(rs.getLong("id"), rs.getString("username"),
                        rs.getString("role")), rs.getString("password_hash")));
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
}
