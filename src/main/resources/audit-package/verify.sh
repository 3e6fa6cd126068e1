#!/bin/sh
# Verifies this Strongroom audit package with openssl 3, sha256sum and jq only; README.md says what
# each step proves and how to do it by hand.
#
#   sh verify.sh                                   # against the key history inside the package
#   sh verify.sh --keys my-copy-of-strongroom-keys.json   # against a copy you trust (recommended)
#
# Exit status: 0 intact, 1 broken (every finding is printed), 2 unusable input.
set -eu
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
keys=$here/keys/strongroom-keys.json
if [ "$#" -eq 2 ] && [ "$1" = --keys ]; then
    keys=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
elif [ "$#" -ne 0 ]; then
    echo "usage: sh verify.sh [--keys strongroom-keys.json]" >&2
    exit 2
fi
if ! jq -e '.format == "strongroom-keys/1"' "$keys" > /dev/null 2>&1; then
    echo "$keys is not a key history (format strongroom-keys/1)" >&2
    exit 2
fi
cd "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
broken=0

# The key a statement names, from the history, as PEM in $work/key.pem; fails when it is not there.
key_pem() {
    jq -r --arg id "$1" '.keys[] | select(.keyId == $id) | .publicKeyPem' "$keys" > "$work/key.pem"
    [ -s "$work/key.pem" ] && [ "$(openssl pkey -pubin -in "$work/key.pem" -outform DER | sha256sum | cut -d ' ' -f 1)" = "$1" ]
}

# 1. Every file is the one the vault packed, none was added, and the vault signed that list.
if ! sha256sum --quiet -c SHA256SUMS > "$work/sums.out" 2>&1; then
    sed 's/^/FILES   /' "$work/sums.out"
    broken=1
fi
find . -type f ! -name SHA256SUMS ! -name SHA256SUMS.sig | sed 's|^\./||' | sort > "$work/present"
cut -c 67- SHA256SUMS | sort > "$work/listed"
comm -23 "$work/present" "$work/listed" | sed 's/^/EXTRA   not in SHA256SUMS: /' > "$work/extra"
if [ -s "$work/extra" ]; then
    cat "$work/extra"
    broken=1
fi
key_id=$(jq -r .keyId MANIFEST.json)
if ! key_pem "$key_id"; then
    echo "KEY     MANIFEST.json names key $key_id, which is not in the key history"
    broken=1
elif ! base64 -d SHA256SUMS.sig > "$work/sums.sig" 2> /dev/null \
    || ! openssl pkeyutl -verify -pubin -inkey "$work/key.pem" -rawin -in SHA256SUMS -sigfile "$work/sums.sig" \
        > /dev/null 2>&1; then
    echo "SIGNED  SHA256SUMS.sig does not verify with key $key_id: the list of files was changed"
    broken=1
fi

# 2. The trail: every event's hash, the chain of the period, the signed manifest, the digests.
if [ -n "$(find digests -type f -name '*.json' 2> /dev/null)" ]; then
    set -- --digests digests
else
    set --
fi
if ! sh trail/verify-audit-export.sh trail/audit.ndjson --keys "$keys" "$@" > "$work/trail.out" 2>&1; then
    sed 's/^/TRAIL   /' "$work/trail.out"
    broken=1
fi

# 3. The documents: every upload the trail records is here with the bytes it acknowledged and a
#    receipt that verifies, or MANIFEST.json says why not; nothing is here that the trail does not name.
tail -n +2 trail/audit.ndjson | jq -r 'select(.action == "document.upload" and .outcome == "success"
    and (.resource | startswith("document/"))) | "\(.resource | ltrimstr("document/")) \(.detail.sha256)"' \
    > "$work/uploads"
documents=0
while read -r id sha256; do
    file=$(jq -r --arg id "$id" '.documents[] | select(.id == $id) | .file' MANIFEST.json)
    if [ -z "$file" ]; then
        if ! jq -e --arg id "$id" '.notIncluded[] | select(.id == $id)' MANIFEST.json > /dev/null; then
            echo "MISSING document $id, uploaded in the period, is neither here nor listed as not included"
            broken=1
        fi
        continue
    fi
    documents=$((documents + 1))
    if [ ! -f "$file" ] || [ "$(sha256sum < "$file" | cut -d ' ' -f 1)" != "$sha256" ]; then
        echo "CONTENT document $id: $file is not the bytes its upload acknowledged (SHA-256 $sha256)"
        broken=1
    fi
    receipt=documents/$id/receipt.json
    jq -j .payload "$receipt" > "$work/payload" 2> /dev/null || true
    receipt_key=$(jq -r '.keyId // empty' "$receipt" 2> /dev/null || true)
    if ! key_pem "$receipt_key" || ! jq -r .signature "$receipt" | base64 -d > "$work/receipt.sig" 2> /dev/null \
        || ! openssl pkeyutl -verify -pubin -inkey "$work/key.pem" -rawin -in "$work/payload" \
            -sigfile "$work/receipt.sig" > /dev/null 2>&1; then
        echo "RECEIPT document $id: its receipt does not verify with the key it names ($receipt_key)"
        broken=1
    elif [ "$(jq -r .documentId "$work/payload")" != "$id" ] || [ "$(jq -r .sha256 "$work/payload")" != "$sha256" ]; then
        echo "RECEIPT document $id: the receipt is for other bytes or another document"
        broken=1
    fi
done < "$work/uploads"
jq -r '.documents[].id' MANIFEST.json | while read -r id; do
    if ! grep -q "^$id " "$work/uploads"; then
        echo "EXTRA   document $id is in the package but the trail records no upload of it in the period"
    fi
done > "$work/extra-documents"
if [ -s "$work/extra-documents" ]; then
    cat "$work/extra-documents"
    broken=1
fi

if [ "$broken" -eq 0 ]; then
    echo "OK: every file as packed and signed by key $key_id; $(tail -n 1 "$work/trail.out")"
    echo "OK: $documents document(s) with the bytes their uploads acknowledged and receipts that verify;" \
        "$(jq '.notIncluded | length' MANIFEST.json) upload(s) listed as not included"
    exit 0
fi
echo "BROKEN: see the findings above"
exit 1
