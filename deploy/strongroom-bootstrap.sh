#!/bin/bash
# First boot of a Strongroom host (/usr/local/sbin/strongroom-bootstrap HOST_ID), run as root by the
# instance's user data once cfn-init has written the host files from the stack: the packages, the
# data volume (formatted only if it holds no file system), the strongroom user, the vault's
# environment file, and the release the stack pins. Every step is safe to repeat.
set -euo pipefail

host_id="${1:-}"
[[ "$host_id" =~ ^[a-z][a-z0-9-]{0,30}$ ]] || { echo "usage: strongroom-bootstrap HOST_ID (a, b, ...)" >&2; exit 1; }
set -a
# shellcheck source=/dev/null
. /etc/strongroom/stack.env
set +a

dnf install -y java-21-amazon-corretto-headless xfsprogs jq
# OCR of photographed receipts (docs/ocr.md): Tesseract and its English, Portuguese and German data
# come from SPAL, AL2023's supplementary repository. Without them the vault still runs, says
# "OCR unavailable" in /q/health/well, and catches up once they are installed.
if ! { dnf install -y spal-release && dnf install -y tesseract tesseract-langpack-eng \
    tesseract-langpack-por tesseract-langpack-deu; }; then
  echo "Tesseract could not be installed: OCR stays unavailable until it is" >&2
fi

# The data volume is attached as /dev/sdf once the instance runs; on Nitro hosts udev links that
# name to the NVMe device. Wait for it rather than start the vault on the root disk.
for _ in $(seq 1 120); do
  [[ -b /dev/sdf ]] && break
  sleep 5
done
[[ -b /dev/sdf ]] || { echo "the data volume /dev/sdf never appeared" >&2; exit 1; }
device="$(readlink -f /dev/sdf)"
if [[ -z "$(blkid -p -o value -s TYPE "$device" || true)" ]]; then
  mkfs.xfs -L strongroom "$device"
fi
uuid="$(blkid -p -o value -s UUID "$device")"
mkdir -p /srv/strongroom
grep -q "^UUID=$uuid " /etc/fstab ||
  echo "UUID=$uuid /srv/strongroom xfs defaults,noatime,nofail,x-systemd.device-timeout=30s 0 2" >> /etc/fstab
systemctl daemon-reload
mountpoint -q /srv/strongroom || mount /srv/strongroom

getent group strongroom > /dev/null || groupadd --system strongroom
id -u strongroom > /dev/null 2>&1 ||
  useradd --system --gid strongroom --home-dir /srv/strongroom --no-create-home --shell /sbin/nologin strongroom
# The volume is the vault's data directory (strongroom.data-dir), as deploy/RUNBOOK.md restores it.
chown strongroom:strongroom /srv/strongroom
chmod 0700 /srv/strongroom

# The vault's environment: the stack's settings and this host's identity. No secret is written here:
# strongroom-start reads the database password and the session key from Secrets Manager at each start.
install -d -o root -g strongroom -m 0750 /etc/strongroom
umask 027
{
  grep -E '^(STRONGROOM_|QUARKUS_)' /etc/strongroom/stack.env | grep -v '^STRONGROOM_RELEASE_'
  echo "STRONGROOM_VAULT_HOST_ID=$host_id"
  echo "STRONGROOM_DATA_DIR=/srv/strongroom"
  echo "STRONGROOM_METADATA_LIGHT_LANE=false"
  echo "STRONGROOM_STATEMENTS_VALIDATE_IN_PROCESS=false"
  echo "STRONGROOM_SNAPSHOTS_DATA_DEVICE=/dev/sdf"
} > /etc/strongroom/strongroom.env.new
chgrp strongroom /etc/strongroom/strongroom.env.new
mv /etc/strongroom/strongroom.env.new /etc/strongroom/strongroom.env
umask 022

systemctl daemon-reload
systemctl enable strongroom
version="$(aws ssm get-parameter --region "$STRONGROOM_AWS_REGION" --name "$STRONGROOM_RELEASE_VERSION_PARAMETER" \
  --query Parameter.Value --output text)"
/usr/local/sbin/strongroom-release install "$version"
