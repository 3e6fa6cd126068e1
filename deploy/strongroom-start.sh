#!/bin/bash
# Starts the vault: the systemd unit's ExecStart (/usr/local/libexec/strongroom-start), run as the
# strongroom user. It reads the catalog's credentials and the sessions' encryption key from Secrets
# Manager into this process's environment (never onto disk), then replaces itself with the JVM of
# the current release. The contract with the vault (deploy/README.md): QUARKUS_DATASOURCE_JDBC_URL
# and STRONGROOM_VAULT_HOST_ID come from /etc/strongroom/strongroom.env; this script adds
# QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD and QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY.
set -euo pipefail

: "${STRONGROOM_AWS_REGION:?is not set (EnvironmentFile=/etc/strongroom/strongroom.env)}"
: "${STRONGROOM_DATABASE_SECRET_ARN:?is not set (EnvironmentFile=/etc/strongroom/strongroom.env)}"
: "${STRONGROOM_SESSION_KEY_SECRET_ARN:?is not set (EnvironmentFile=/etc/strongroom/strongroom.env)}"

secret() {
  aws secretsmanager get-secret-value --region "$STRONGROOM_AWS_REGION" --secret-id "$1" \
    --query SecretString --output text
}

# Pipes, not here-strings: a here-string may be a temporary file.
database="$(secret "$STRONGROOM_DATABASE_SECRET_ARN")"
QUARKUS_DATASOURCE_USERNAME="$(printf '%s' "$database" | jq -er .username)"
QUARKUS_DATASOURCE_PASSWORD="$(printf '%s' "$database" | jq -er .password)"
QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$(secret "$STRONGROOM_SESSION_KEY_SECRET_ARN")"
export QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY
unset database STRONGROOM_DATABASE_SECRET_ARN STRONGROOM_SESSION_KEY_SECRET_ARN

exec java -XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=60 \
  -jar "${STRONGROOM_RELEASE_ROOT:-/opt/strongroom}/current/quarkus-app/quarkus-run.jar"
