#!/usr/bin/env bash
# Restores an empty data directory from the S3 backup, with no vault running:
#   deploy/restore-from-s3.sh --data-dir /srv/strongroom [--from replica] [--run RUN_ID]
# Options and the environment it reads are listed in dev.strongroom.restore.RestoreCommand and
# docs/backup.md. Then start the vault on that directory: it imports the catalog and records the
# restore as the next event of the restored audit chain. The signing key comes back with it (KMS, or
# --key-passphrase-file for a key backed up under a passphrase; docs/keys.md).
# STRONGROOM_APP_DIR is the packaged application (default target/quarkus-app).
set -euo pipefail
app="${STRONGROOM_APP_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target/quarkus-app}"
if [[ ! -f "$app/quarkus-run.jar" ]]; then
  echo "restore-from-s3: no packaged application in $app (run ./mvnw package first)" >&2
  exit 1
fi
exec java ${STRONGROOM_RESTORE_JAVA_OPTS:--Xmx256m} -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" \
  dev.strongroom.restore.RestoreCommand "$@"
