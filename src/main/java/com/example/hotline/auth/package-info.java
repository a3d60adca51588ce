/**
 * Who may use the server: users with roles, passwords stored as slow salted hashes (PBKDF2), and
 * the check of HTTP Basic credentials. The first admin is created from {@code admin.password}
 * ({@code HOTLINE_ADMIN_PASSWORD}) on first start.
 */
package com.example.hotline.auth;
