-- People who use the API and the web UI. Passwords are PBKDF2-HMAC-SHA256 with a per-user salt,
-- stored as "pbkdf2-sha256$iterations$salt$hash" (base64).

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('admin', 'quality', 'agent')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
