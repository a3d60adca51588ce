/**
 * Who may use the server: users with roles ({@code admin}, {@code quality}, {@code agent}), an
 * agent's extension and a quality user's departments and buildings, passwords stored as slow salted
 * hashes (PBKDF2), the check of credentials (sign-in form and HTTP Basic) with its rate limit, and
 * browser sessions with their CSRF tokens. The first admin is created from {@code admin.password}
 * ({@code HOTLINE_ADMIN_PASSWORD}) on first start.
 */
package com.example.hotline.auth;
