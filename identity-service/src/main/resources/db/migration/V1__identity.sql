-- identity-service schema (issue 15, ADR 0018). Times are timestamptz: the SAS scripts' "timestamp" would store
-- instants in the session's zone (their own note says so for PostgreSQL); "blob" becomes text, as SAS asks.

-- Spring Authorization Server: registered clients, authorizations (codes, tokens) and consents.
CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL PRIMARY KEY,
    client_id varchar(100) NOT NULL,
    client_id_issued_at timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamptz DEFAULT NULL,
    client_name varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris varchar(1000) DEFAULT NULL,
    scopes varchar(1000) NOT NULL,
    client_settings varchar(2000) NOT NULL,
    token_settings varchar(2000) NOT NULL
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes text DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value text DEFAULT NULL,
    authorization_code_issued_at timestamptz DEFAULT NULL,
    authorization_code_expires_at timestamptz DEFAULT NULL,
    authorization_code_metadata text DEFAULT NULL,
    access_token_value text DEFAULT NULL,
    access_token_issued_at timestamptz DEFAULT NULL,
    access_token_expires_at timestamptz DEFAULT NULL,
    access_token_metadata text DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value text DEFAULT NULL,
    oidc_id_token_issued_at timestamptz DEFAULT NULL,
    oidc_id_token_expires_at timestamptz DEFAULT NULL,
    oidc_id_token_metadata text DEFAULT NULL,
    refresh_token_value text DEFAULT NULL,
    refresh_token_issued_at timestamptz DEFAULT NULL,
    refresh_token_expires_at timestamptz DEFAULT NULL,
    refresh_token_metadata text DEFAULT NULL,
    user_code_value text DEFAULT NULL,
    user_code_issued_at timestamptz DEFAULT NULL,
    user_code_expires_at timestamptz DEFAULT NULL,
    user_code_metadata text DEFAULT NULL,
    device_code_value text DEFAULT NULL,
    device_code_issued_at timestamptz DEFAULT NULL,
    device_code_expires_at timestamptz DEFAULT NULL,
    device_code_metadata text DEFAULT NULL
);
-- SAS looks tokens up by value; disabling a user deletes by principal.
CREATE INDEX oauth2_authorization_principal ON oauth2_authorization (principal_name);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Spring Session JDBC (schema-postgresql.sql of spring-session-jdbc): HTTP sessions shared by replicas, with a
-- server-side idle timeout.
CREATE TABLE spring_session (
    primary_id char(36) NOT NULL,
    session_id char(36) NOT NULL,
    creation_time bigint NOT NULL,
    last_access_time bigint NOT NULL,
    max_inactive_interval int NOT NULL,
    expiry_time bigint NOT NULL,
    principal_name varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36) NOT NULL,
    attribute_name varchar(200) NOT NULL,
    attribute_bytes bytea NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Token signing keys (contract: "Issuer, keys, tokens"). private_key_encrypted = 12-byte IV || AES-256-GCM
-- ciphertext+tag of the PKCS#8 DER, AAD = kid.
CREATE TABLE signing_key (
    kid text PRIMARY KEY,
    state text NOT NULL CHECK (state IN ('ACTIVE', 'RETIRED')),
    created_at timestamptz NOT NULL,
    retired_at timestamptz,
    publish_until timestamptz,
    public_key_der bytea NOT NULL,
    private_key_encrypted bytea NOT NULL,
    CHECK (state = 'ACTIVE' OR (retired_at IS NOT NULL AND publish_until IS NOT NULL))
);
-- At most one key signs.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (state) WHERE state = 'ACTIVE';

CREATE TABLE user_account (
    id uuid PRIMARY KEY,
    username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{3,64}$'),
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('PROVINCE', 'CITY', 'COUNTY', 'INSPECTOR')),
    division char(6) NOT NULL CHECK (division ~ '^[0-9]{6}$'),
    inspector_id text,
    phone text,
    email text,
    pii_read boolean NOT NULL DEFAULT false,
    password_hash text NOT NULL,
    password_changed_at timestamptz NOT NULL,
    must_change_password boolean NOT NULL DEFAULT false,
    totp_secret bytea,
    totp_required boolean NOT NULL DEFAULT false,
    enabled boolean NOT NULL DEFAULT true,
    failed_attempts int NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_login_at timestamptz,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    -- inspector_id becomes the token's sub: only inspectors carry one, and every inspector does.
    CHECK ((role = 'INSPECTOR') = (inspector_id IS NOT NULL))
);
-- Usernames are unique regardless of case (SXAdmin and sx-admin must not both exist).
CREATE UNIQUE INDEX user_account_username ON user_account (lower(username));
CREATE UNIQUE INDEX user_account_inspector ON user_account (inspector_id) WHERE inspector_id IS NOT NULL;
CREATE INDEX user_account_division ON user_account (division);

CREATE TABLE password_history (
    user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    password_hash text NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, changed_at DESC);

-- City systems (confidential clients) and the built-in clients: the division and role a client-credentials token
-- carries, and whether the client may still get tokens.
CREATE TABLE client_account (
    client_id varchar(100) PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('BUILT_IN', 'SYSTEM')),
    role text CHECK (role IN ('PROVINCE', 'CITY', 'COUNTY')),
    division char(6) CHECK (division ~ '^[0-9]{6}$'),
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    CHECK (kind = 'BUILT_IN' OR (role IS NOT NULL AND division IS NOT NULL))
);
CREATE INDEX client_account_division ON client_account (division);

CREATE TABLE audit_event (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    actor_division char(6),
    -- the division of the user or client acted on: an admin sees the events of its division either way
    target_division char(6),
    action text NOT NULL,
    target text,
    outcome text NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    remote_address text,
    detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_event_at ON audit_event (at DESC);
CREATE INDEX audit_event_actor ON audit_event (actor, at DESC);
CREATE INDEX audit_event_target ON audit_event (target, at DESC);
