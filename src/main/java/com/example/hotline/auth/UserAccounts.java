package com.example.hotline.auth;

import java.util.List;
import java.util.Optional;

/**
 * The administrator's view of the users: list, create, change, lock out, set a password.
 * Implementations are thread-safe and block on I/O.
 */
public interface UserAccounts {

    /** Every user, active or not, by name. */
    List<Account> list();

    Optional<Account> get(long id);

    /** Creates a user; empty when the name is taken. */
    Optional<Account> create(Account account, String passwordHash);

    /** Changes role, extension, departments, buildings and active of user {@code account.id()}. */
    boolean update(Account account);

    boolean setPassword(long id, String passwordHash);

    /** A user as the administrator sees it (never with the hash). */
    record Account(long id, String username, String role, String extension, List<String> departments,
                   List<String> buildings, boolean active) {
        public Account {
            departments = departments == null ? List.of() : List.copyOf(departments);
            buildings = buildings == null ? List.of() : List.copyOf(buildings);
        }

        public User user() {
            return new User(id, username, role, extension, departments, buildings);
        }
    }
}
