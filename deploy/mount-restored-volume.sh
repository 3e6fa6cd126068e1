#!/usr/bin/env bash
# Makes a volume restored from an EBS snapshot the vault's data volume, on the EC2 host, as root.
# Run it after POST /api/snapshots/restores reported the volume attached (deploy/RUNBOOK.md).
#
#   sudo deploy/mount-restored-volume.sh --volume-id vol-0abc... --snapshot snap-0abc... \
#        [--data-dir /srv/strongroom] [--service strongroom] [--dry-run]
#
# Steps: find the block device of the volume (by its id, which Nitro instances expose as the NVMe
# serial), check it holds a Strongroom data directory, stop the vault, unmount the current data
# volume (kept attached and untouched, for comparison or rollback), mount the restored one at the
# data directory, point /etc/fstab at it by UUID, give the vault the new volume id (systemd drop-in),
# leave the marker snapshot-restore/pending.json
# that makes the vault replay the audit journal tail from S3 at its next start, and start the vault.
# --dry-run prints every step and changes nothing.
set -euo pipefail

volume_id="" snapshot="" data_dir="/srv/strongroom" service="strongroom" dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --volume-id) volume_id="$2"; shift 2 ;;
    --snapshot) snapshot="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --service) service="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) echo "mount-restored-volume: unknown argument $1" >&2; exit 1 ;;
  esac
done
[[ "$volume_id" =~ ^vol-[0-9a-f]+$ ]] || { echo "mount-restored-volume: --volume-id vol-... is required" >&2; exit 1; }
[[ "$snapshot" =~ ^snap-[0-9a-f]+$ ]] || { echo "mount-restored-volume: --snapshot snap-... is required" >&2; exit 1; }

run() { # prints each command; runs it unless --dry-run
  echo "+ $*"
  if [[ $dry_run -eq 0 ]]; then "$@"; fi
}

# Nitro instances show EBS volumes as NVMe devices whose serial is the volume id without the dash;
# udev links it as /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol<id>. Xen instances keep the
# requested name (/dev/sdg becomes /dev/xvdg), which lsblk's SERIAL does not show, hence both ways.
serial="${volume_id/-/}"
device=""
for _ in $(seq 1 30); do
  if [[ -e "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${serial}" ]]; then
    device="$(readlink -f "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${serial}")"
    break
  fi
  device="$(lsblk -dno NAME,SERIAL | awk -v s="$serial" '$2==s {print "/dev/"$1}')"
  [[ -n "$device" ]] && break
  sleep 2
done
if [[ -z "$device" ]]; then
  echo "mount-restored-volume: no block device for $volume_id after 60 s; is it attached to this instance?" >&2
  lsblk -o NAME,SERIAL,SIZE,MOUNTPOINT >&2
  exit 2
fi
echo "mount-restored-volume: $volume_id is $device"

if findmnt -rno SOURCE "$device" >/dev/null 2>&1; then
  echo "mount-restored-volume: $device is already mounted at $(findmnt -rno TARGET "$device"); refusing" >&2
  exit 2
fi

# A snapshot of the data volume carries the file system, so the restored volume has it already.
uuid="$(blkid -s UUID -o value "$device" || true)"
fstype="$(blkid -s TYPE -o value "$device" || true)"
if [[ -z "$uuid" ]]; then
  echo "mount-restored-volume: $device has no file system; it was not restored from a data volume snapshot" >&2
  exit 2
fi

# Look inside before switching: a volume without blobs/ and audit/journal/ is not a vault's.
probe="$(mktemp -d)"
mount -o ro "$device" "$probe"
if [[ ! -d "$probe/blobs" || ! -d "$probe/audit/journal" ]]; then
  umount "$probe"; rmdir "$probe"
  echo "mount-restored-volume: $device ($fstype, UUID $uuid) holds no Strongroom data directory (blobs/, audit/journal/)" >&2
  exit 2
fi
echo "mount-restored-volume: $device holds a data directory: $(find "$probe/blobs" -type f | wc -l) blob(s), \
$(cat "$probe"/audit/journal/*.jsonl 2>/dev/null | wc -l) audit event(s) up to the snapshot"
umount "$probe"; rmdir "$probe"

run systemctl stop "$service"
current="$(findmnt -rno SOURCE "$data_dir" || true)"
if [[ -n "$current" ]]; then
  echo "mount-restored-volume: unmounting the current data volume $current (it stays attached, untouched)"
  run umount "$data_dir"
fi
run mkdir -p "$data_dir"
run mount -o defaults,noatime "$device" "$data_dir"

# fstab by UUID, so the next boot mounts the restored volume; the old line is kept, commented out.
if [[ $dry_run -eq 0 ]]; then
  cp /etc/fstab "/etc/fstab.before-$snapshot"
  awk -v dir="$data_dir" '$2==dir && $1 !~ /^#/ {print "# replaced by snapshot restore: " $0; next} {print}' \
    "/etc/fstab.before-$snapshot" >/etc/fstab
  echo "UUID=$uuid $data_dir $fstype defaults,noatime,nofail 0 2" >>/etc/fstab
else
  echo "+ (fstab) UUID=$uuid $data_dir $fstype defaults,noatime,nofail 0 2"
fi

marker="$data_dir/snapshot-restore/pending.json"
if [[ $dry_run -eq 0 ]]; then
  mkdir -p "$data_dir/snapshot-restore"
  printf '{"snapshotId":"%s","volumeId":"%s","device":"%s","mountedAt":"%s"}\n' \
    "$snapshot" "$volume_id" "$device" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$marker"
  owner="$(stat -c %U:%G "$data_dir/blobs")"
  chown -R "$owner" "$data_dir/snapshot-restore"
  sync
else
  echo "+ (marker) $marker"
fi

# The vault finds its data volume at /dev/sdf; the restored one sits at the restore device until the
# instance is next stopped, so tell the vault its id (snapshot status and the next restore use it).
dropin="/etc/systemd/system/$service.service.d/restored-volume.conf"
if [[ $dry_run -eq 0 ]]; then
  mkdir -p "$(dirname "$dropin")"
  printf '[Service]\nEnvironment=STRONGROOM_SNAPSHOTS_VOLUME_ID=%s\n' "$volume_id" >"$dropin"
  systemctl daemon-reload
else
  echo "+ ($dropin) Environment=STRONGROOM_SNAPSHOTS_VOLUME_ID=$volume_id"
fi

run systemctl start "$service"
echo "mount-restored-volume: done. The vault replays the audit journal tail at start (journalctl -u $service);"
echo "then reconcile: POST /api/snapshots/reconciles?dryRun=true, then POST /api/snapshots/reconciles"
