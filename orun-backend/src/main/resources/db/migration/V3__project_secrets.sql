-- Project secrets, encrypted at rest with AES-256-GCM under a key the server keeps outside the
-- database (docs/decisions/backend-secrets.md). One row per key: setting it again replaces the
-- ciphertext and adds one to the version; key_id names the encryption key, so a server started
-- with another key says so instead of failing to decrypt.
CREATE TABLE project_secrets (
  org_id      VARCHAR(64)  NOT NULL,
  project_id  VARCHAR(64)  NOT NULL,
  secret_key  VARCHAR(128) NOT NULL,
  version     INT          NOT NULL,
  key_id      VARCHAR(16)  NOT NULL,
  nonce       BYTEA        NOT NULL,
  ciphertext  BYTEA        NOT NULL,
  updated_at  BIGINT       NOT NULL,
  PRIMARY KEY (org_id, project_id, secret_key)
);
