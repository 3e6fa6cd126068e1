#!/usr/bin/env bash
# Runs a command (normally the vault) against a local AWS emulator when one can be started:
#   deploy/local/with-emulator.sh java -jar target/quarkus-app/quarkus-run.jar
# With moto_server and the aws CLI installed: starts the emulator on 127.0.0.1, provisions it like
# production (provision.sh), exports the vault's AWS settings, runs the command and stops the
# emulator when the command ends. Without them: says so loudly and runs the command unchanged, so
# the vault runs with backups not configured.
# Set STRONGROOM_EMULATOR=off to skip the emulator on purpose.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
export STRONGROOM_EMULATOR_DIR="${STRONGROOM_EMULATOR_DIR:-./data/emulator}"

if [[ "${STRONGROOM_EMULATOR:-on}" == "off" ]] || ! command -v moto_server >/dev/null 2>&1 \
    || ! command -v aws >/dev/null 2>&1; then
  echo "with-emulator: *** no local AWS emulator (needs moto_server and the aws CLI, or STRONGROOM_EMULATOR=off):" \
       "the vault runs with BACKUPS NOT CONFIGURED unless STRONGROOM_BACKUP_BUCKET points at real S3 ***" >&2
  exec "$@"
fi

endpoint="$("$here/start-emulator.sh" "${STRONGROOM_EMULATOR_PORT:-}")"
trap '"$here/stop-emulator.sh" >&2 || true' EXIT

# Dummy credentials, for the emulator only; on AWS the default chain (instance role) applies.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-emulator}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-emulator}"
export STRONGROOM_AWS_ENDPOINT="$endpoint"
export STRONGROOM_AWS_REGION="${STRONGROOM_AWS_REGION:-eu-central-1}"
export STRONGROOM_BACKUP_BUCKET="${STRONGROOM_BACKUP_BUCKET:-strongroom-backup}"
export STRONGROOM_BACKUP_REPLICA_BUCKET="${STRONGROOM_BACKUP_REPLICA_BUCKET:-strongroom-backup-replica}"
export STRONGROOM_BACKUP_REPLICA_REGION="${STRONGROOM_BACKUP_REPLICA_REGION:-eu-west-1}"
export AWS_DEFAULT_REGION="$STRONGROOM_AWS_REGION"
# The signing key is backed up under this emulated KMS key (provision.sh makes it).
export STRONGROOM_KEYS_KMS_KEY_ID="${STRONGROOM_KEYS_KMS_KEY_ID:-alias/strongroom-signing-key}"
# No Lambda here: the vault's runner feeds the metadata Lambda's handler from the S3 notification queue.
export STRONGROOM_METADATA_RUNNER_ENABLED="${STRONGROOM_METADATA_RUNNER_ENABLED:-true}"

"$here/provision.sh" "$endpoint" >&2
{
  echo "export STRONGROOM_AWS_ENDPOINT=$STRONGROOM_AWS_ENDPOINT"
  echo "export STRONGROOM_AWS_REGION=$STRONGROOM_AWS_REGION"
  echo "export STRONGROOM_BACKUP_BUCKET=$STRONGROOM_BACKUP_BUCKET"
  echo "export STRONGROOM_BACKUP_REPLICA_BUCKET=$STRONGROOM_BACKUP_REPLICA_BUCKET"
  echo "export STRONGROOM_BACKUP_REPLICA_REGION=$STRONGROOM_BACKUP_REPLICA_REGION"
  echo "export STRONGROOM_METADATA_RUNNER_ENABLED=$STRONGROOM_METADATA_RUNNER_ENABLED"
  echo "export STRONGROOM_KEYS_KMS_KEY_ID=$STRONGROOM_KEYS_KMS_KEY_ID"
  echo "export AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY"
} >"$STRONGROOM_EMULATOR_DIR/env"
echo "with-emulator: AWS emulator at $endpoint, buckets $STRONGROOM_BACKUP_BUCKET ($STRONGROOM_AWS_REGION) and" \
     "$STRONGROOM_BACKUP_REPLICA_BUCKET ($STRONGROOM_BACKUP_REPLICA_REGION); settings in $STRONGROOM_EMULATOR_DIR/env" >&2
# moto keeps no state across a restart: say so every time, since the vault's data directory does.
echo "with-emulator: *** the emulator keeps everything in MEMORY ONLY: it starts with empty buckets and no" \
     "CloudWatch events, whatever an earlier run backed up. A vault that had documents backed up finds them" \
     "gone at its first spot-check (strongroom.backup.spot-check.every), reports backup health DOWN and uploads" \
     "them all again ***" >&2

# Not exec: the trap must stop the emulator when the vault ends. Signals are passed on to it.
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
wait "$child" || status=$?
wait "$child" 2>/dev/null || true
exit "${status:-0}"
