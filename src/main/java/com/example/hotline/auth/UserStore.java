package com.example.hotline.auth;

import java.util.Optional;

/** Stored users. Implementations are thread-safe and block on I/O. */
public interface UserStore {

    /** The user and their stored password hash. */
    Optional<StoredUser> find(String username);

    /** Creates the user unless one with that name exists; returns true when created. */
    boolean createIfAbsent(String username, String passwordHash, String role);

    /** A user with the hash to check a password against. */
    record StoredUser(User user, String passwordHash) {}
}
