#!/usr/bin/env bash
# Restores an empty data directory from the S3 backup, with no vault running:
#   deploy/restore-from-s3.sh --data-dir /srv/strongroom [--host HOST_ID] [--from replica] [--run RUN_ID]
# A bucket of several hosts is restored host by host, each onto its own empty data directory: --host (or
# STRONGROOM_VAULT_HOST_ID) names the host whose chain to rebuild; with one host in the bucket it is found.
# Options and the environment it reads are listed in dev.strongroom.restore.RestoreCommand and
# docs/backup.md. It ends with a verdict naming every document and audit event it could not bring
# back and where each may still be; exit status 0 when nothing is missing, 2 when something is (the
# verdict and restore/report.json name it), 1 when nothing usable was restored. The signing key comes
# back with it (KMS, or --key-passphrase-file for a key backed up under a passphrase; docs/keys.md).
# Then start the vault on that directory: it imports the catalog and records the restore as the next
# event of the restored audit chain.
# STRONGROOM_APP_DIR is the packaged application (default target/quarkus-app).
set -euo pipefail
app="${STRONGROOM_APP_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target/quarkus-app}"
if [[ ! -f "$app/quarkus-run.jar" ]]; then
  echo "restore-from-s3: no packaged application in $app (run ./mvnw package first)" >&2
  exit 1
fi
# The vault's log manager, as the packaged vault sets it, so the libraries' logging goes through it.
exec java ${STRONGROOM_RESTORE_JAVA_OPTS:--Xmx256m} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" \
  dev.strongroom.restore.RestoreCommand "$@"
