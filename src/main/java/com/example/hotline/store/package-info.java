/**
 * The only package that knows JDBC: the PostgreSQL connection pool (HikariCP), the embedded
 * PostgreSQL used when no {@code db.url} is configured, schema migrations from
 * {@code recordings-schema/} (Flyway), and the stores implementing the interfaces of the capability
 * packages. All methods block; callers run them on their own threads, never on an event loop.
 */
package com.example.hotline.store;
