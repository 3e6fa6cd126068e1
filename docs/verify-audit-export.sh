#!/bin/sh
# Verifies a Strongroom NDJSON audit export with nothing but a POSIX shell, jq and sha256sum,
# so that an auditor need not trust the vault's own code. The rules are in docs/audit-format.md.
#
#   sh verify-audit-export.sh strongroom-audit-2026-11-22.ndjson
#   sh verify-audit-export.sh EXPORT.ndjson --digests digests/ --keys strongroom-keys.json
#
# With --digests (a copy of the bucket's audit-digests/, see copy-audit-digests.sh) and --keys (the
# key history, /.well-known/strongroom-keys.json) it also needs openssl 3 and base64: each digest's
# signature must verify with the key it names in the history, that key must not have been retired
# before the digest's end (to the second), and each event of the export at a digest's cut must carry
# the hash the digest signed (docs/audit-digests.md, docs/keys.md).
#
# Exit status: 0 intact, 1 broken (every finding is printed), 2 unusable input.
set -eu

# Byte semantics for the pattern matching below: the hash rule is defined on bytes.
LC_ALL=C
export LC_ALL

digests=
keys=
if [ "$#" -eq 5 ] && [ "$2" = --digests ] && [ "$4" = --keys ]; then
    digests=$3
    keys=$5
elif [ "$#" -ne 1 ]; then
    set -- ""
fi
if [ ! -r "$1" ] || { [ -n "$digests" ] && { [ ! -d "$digests" ] || [ ! -r "$keys" ]; }; }; then
    echo "usage: $0 EXPORT.ndjson [--digests DIGESTS_DIR --keys strongroom-keys.json]" >&2
    exit 2
fi
if [ -n "$keys" ] && ! jq -e '.format == "strongroom-keys/1"' "$keys" > /dev/null 2>&1; then
    echo "$keys is not a key history (format strongroom-keys/1)" >&2
    exit 2
fi
export_file=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

head -n 1 "$export_file" > "$work/header"
tail -n +2 "$export_file" | grep -v '^$' > "$work/events" || true
if ! jq -e 'has("strongroomAuditExport")' "$work/header" > /dev/null 2>&1; then
    echo "not a Strongroom NDJSON audit export: the first line is not its header" >&2
    exit 2
fi

# One line of "seq prevHash hash" per event, in the same order as the event lines.
if ! jq -r '"\(.seq) \(.prevHash) \(.hash)"' "$work/events" > "$work/fields" 2> "$work/jq.err"; then
    echo "BROKEN: an event line is not valid JSON: $(cat "$work/jq.err")"
    exit 1
fi

contiguous=$(jq -r '.contiguous' "$work/header")
claimed_count=$(jq -r '.eventCount' "$work/header")
head_seq=$(jq -r '.chainHead.seq' "$work/header")
head_hash=$(jq -r '.chainHead.hash' "$work/header")
# A contiguous export hangs from its anchor: the event just before its first one (seq 0 and 64
# zeros when it starts at the beginning of the journal).
anchor_seq=$(jq -r 'if .contiguous and .anchor != null then .anchor.seq else "" end' "$work/header")
expected_seq=${anchor_seq:+$((anchor_seq + 1))}
expected_prev=$(jq -r 'if .contiguous and .anchor != null then .anchor.hash else "" end' "$work/header")

broken=0
count=0
last_seq=
last_hash=
while IFS= read -r line <&3 && read -r seq prev claimed <&4; do
    count=$((count + 1))
    # The hash covers the line's bytes up to the final ,"hash":"..." member, closed with a brace.
    body=${line%,\"hash\":\"*}
    computed=$(printf '%s}' "$body" | sha256sum)
    computed=${computed%% *}
    if [ "$computed" != "$claimed" ]; then
        echo "ALTERED seq $seq: the line does not match its hash"
        broken=1
    fi
    if [ "$contiguous" = true ]; then
        if [ -n "$expected_seq" ] && [ "$seq" != "$expected_seq" ]; then
            echo "GAP     seq $seq: expected seq $expected_seq (events missing or reordered)"
            broken=1
        fi
        if [ -n "$expected_prev" ] && [ "$prev" != "$expected_prev" ]; then
            echo "LINK    seq $seq: prevHash is not the hash of the event before it"
            broken=1
        fi
        expected_seq=$((seq + 1))
        expected_prev=$claimed
    fi
    last_seq=$seq
    last_hash=$claimed
done 3< "$work/events" 4< "$work/fields"

if [ "$count" != "$claimed_count" ]; then
    echo "COUNT   the header promises $claimed_count events, the file has $count"
    broken=1
fi
# An export that runs to the end of the journal ends with the chain head the vault reported; one
# cut off by a "to" time ends earlier.
if [ "$contiguous" = true ] && [ "$last_seq" = "$head_seq" ] && [ "$last_hash" != "$head_hash" ]; then
    echo "HEAD    the last event's hash is not the chain head the header claims"
    broken=1
fi

# Against the signed digests: each one's signature with the key it names, that key's period, and
# the hash it signed at its cut wherever the export holds that event.
checked_digests=0
if [ -n "$digests" ]; then
    find "$digests" -type f -name '*.json' | sort > "$work/digest-list"
    while IFS= read -r digest; do
        name=${digest#"$digests"/}
        key_id=$(jq -r '.signingKey.publicKeySha256 // empty' "$digest" 2> /dev/null || true)
        jq -r --arg id "$key_id" '.keys[] | select(.keyId == $id) | .publicKeyPem' "$keys" > "$work/key.pem"
        if [ -z "$key_id" ] || [ ! -s "$work/key.pem" ]; then
            echo "DIGEST  $name: names key '$key_id', which is not in the key history"
            broken=1
            continue
        fi
        if [ ! -r "$digest.sig" ] || ! base64 -d "$digest.sig" > "$work/sig.bin" 2> /dev/null \
            || ! openssl pkeyutl -verify -pubin -inkey "$work/key.pem" -rawin -in "$digest" \
                -sigfile "$work/sig.bin" > /dev/null 2>&1; then
            echo "DIGEST  $name: its signature does not verify with key $key_id (or its .sig is missing)"
            broken=1
            continue
        fi
        end=$(jq -r .digestEndTime "$digest")
        until=$(jq -r --arg id "$key_id" '.keys[] | select(.keyId == $id) | .validUntil // empty' "$keys")
        if [ -n "$until" ] && [ "$(jq -n --arg end "$end" --arg until "$until" \
            'def t: sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601; ($end | t) > ($until | t)')" = true ]; then
            echo "DIGEST  $name: key $key_id was retired at $until, before the digest's end $end"
            broken=1
        fi
        cut_seq=$(jq -r .chainHead.seq "$digest")
        cut_hash=$(jq -r .chainHead.hash "$digest")
        found=$(awk -v s="$cut_seq" '$1 == s { print $3; exit }' "$work/fields")
        if [ -n "$found" ] && [ "$found" != "$cut_hash" ]; then
            echo "CHANGED seq $cut_seq: not the hash digest $name signed (events up to it were changed and rehashed)"
            broken=1
        fi
        checked_digests=$((checked_digests + 1))
    done < "$work/digest-list"
fi
against=${digests:+, against $checked_digests signed digest(s)}

if [ "$broken" -eq 0 ]; then
    if [ "$contiguous" = true ]; then
        echo "OK: $count events, chain checked from its anchor (seq ${anchor_seq:-unknown}) to seq ${last_seq:-none}" \
            "(chain head when exported: seq $head_seq)$against"
    else
        echo "OK: $count events, each event's hash checked (filtered export: links between events cannot be checked)$against"
    fi
    exit 0
fi
echo "BROKEN: $count events checked"
exit 1
