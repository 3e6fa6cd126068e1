#!/bin/sh
# Copies the signed audit digests (or any folder of the backup bucket) by version, so that a delete
# marker cannot hide one: `aws s3 cp --recursive` sees only each key's newest version and skips a key
# whose newest version is a delete marker. The vault writes each digest key once, so a key's oldest
# version is the one it wrote, whatever was put or deleted on top of it later (Object Lock keeps
# versions; anyone allowed to delete can still add a marker).
#
#   sh copy-audit-digests.sh BUCKET DEST_DIR [PREFIX]
#
# A host's digests are under hosts/<host-id>/digests/ (pass that as PREFIX; an export's header names its
# host); PREFIX defaults to audit-digests/, where releases before hosts had prefixes wrote them.
#
# Needs the aws CLI and jq (AWS_ENDPOINT_URL works for an emulator). Writes DEST_DIR/<key without
# PREFIX>, prints a NOTE for each key with a delete marker or more than one version, and exits 0.
set -eu

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
    echo "usage: $0 BUCKET DEST_DIR [PREFIX]" >&2
    exit 2
fi
bucket=$1
dest=$2
prefix=${3:-audit-digests/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

aws s3api list-object-versions --bucket "$bucket" --prefix "$prefix" --output json > "$work/versions.json"
# One line per key: its oldest version (the first written), tab, the key.
jq -r '[.Versions[]?] | group_by(.Key)[] | sort_by(.LastModified) | .[0] | "\(.VersionId)\t\(.Key)"' \
    "$work/versions.json" > "$work/oldest"
copied=0
while IFS="$(printf '\t')" read -r version key; do
    target="$dest/${key#"$prefix"}"
    mkdir -p "$(dirname "$target")"
    aws s3api get-object --bucket "$bucket" --key "$key" --version-id "$version" "$target" > /dev/null
    copied=$((copied + 1))
done < "$work/oldest"
jq -r '.DeleteMarkers[]? | "NOTE a delete marker hides \(.Key) from plain copies; copied by version"' "$work/versions.json"
jq -r '[.Versions[]?] | group_by(.Key)[] | select(length > 1)
    | "NOTE \(.[0].Key) has \(length) versions; the first written is copied"' "$work/versions.json"
echo "copied $copied object(s) from s3://$bucket/$prefix to $dest"
