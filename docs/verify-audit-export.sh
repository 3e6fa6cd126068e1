#!/bin/sh
# Verifies a Strongroom NDJSON audit export with nothing but a POSIX shell, jq and sha256sum,
# so that an auditor need not trust the vault's own code. The rules are in docs/audit-format.md.
#
#   sh verify-audit-export.sh strongroom-audit-2026-11-22.ndjson
#   sh verify-audit-export.sh EXPORT.ndjson --keys strongroom-keys.json
#   sh verify-audit-export.sh EXPORT.ndjson --keys strongroom-keys.json --digests digests/
#
# Always: every event's hash, the chain of a contiguous export, the count, and the header's manifest
# (first and last seq, and eventsSha256, the SHA-256 of every line after the header), which catches
# any event removed, added, reordered or changed in an export of any filter. With --keys (the key
# history, /.well-known/strongroom-keys.json) it also needs openssl 3 and base64 and checks the
# header's signature with the key it names, so that the manifest itself cannot have been changed.
# With --digests (a copy of the bucket's audit-digests/, see copy-audit-digests.sh) as well: each
# digest's signature must verify with the key it names in the history, that key must not have been
# retired before the digest's end (to the second), and each event of the export at a digest's cut
# must carry the hash the digest signed (docs/audit-digests.md, docs/keys.md).
#
# Exit status: 0 intact, 1 broken (every finding is printed), 2 unusable input.
set -eu

# Byte semantics for the pattern matching below: the hash rule is defined on bytes.
LC_ALL=C
export LC_ALL

usage() {
    echo "usage: $0 EXPORT.ndjson [--keys strongroom-keys.json [--digests DIGESTS_DIR]]" >&2
    exit 2
}
[ "$#" -ge 1 ] || usage
export_file=$1
shift
digests=
keys=
while [ "$#" -gt 0 ]; do
    case $1 in
        --digests) [ "$#" -ge 2 ] || usage; digests=$2; shift 2 ;;
        --keys) [ "$#" -ge 2 ] || usage; keys=$2; shift 2 ;;
        *) usage ;;
    esac
done
if [ ! -r "$export_file" ] || { [ -n "$digests" ] && { [ -z "$keys" ] || [ ! -d "$digests" ]; }; } \
    || { [ -n "$keys" ] && [ ! -r "$keys" ]; }; then
    usage
fi
if [ -n "$keys" ] && ! jq -e '.format == "strongroom-keys/1"' "$keys" > /dev/null 2>&1; then
    echo "$keys is not a key history (format strongroom-keys/1)" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# Key $1 of the history as PEM in file $2; fails when the history has no such key.
key_pem() {
    [ -n "$1" ] && jq -r --arg id "$1" '.keys[] | select(.keyId == $id) | .publicKeyPem' "$keys" > "$2" && [ -s "$2" ]
}

# Prints when key $1 was retired, and succeeds, when that was before the instant $2 (to the second).
retired_before() {
    retired_at=$(jq -r --arg id "$1" '.keys[] | select(.keyId == $id) | .validUntil // empty' "$keys")
    [ -n "$retired_at" ] && [ "$(jq -n --arg at "$2" --arg until "$retired_at" \
        'def t: sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601; ($at | t) > ($until | t)')" = true ] \
        && echo "$retired_at"
}

head -n 1 "$export_file" > "$work/header"
tail -n +2 "$export_file" | grep -v '^$' > "$work/events" || true
if ! jq -e 'has("strongroomAuditExport")' "$work/header" > /dev/null 2>&1; then
    echo "not a Strongroom NDJSON audit export: the first line is not its header" >&2
    exit 2
fi

# One line of "seq prevHash hash lostFrom lostTo" per event, in the same order as the event lines;
# lostFrom and lostTo are "-" except for a gap event, which seals a range lost for good.
if ! jq -r 'if .action == "audit.gap" then "\(.seq) \(.prevHash) \(.hash) \(.detail.lostFrom) \(.detail.lostTo)"
        else "\(.seq) \(.prevHash) \(.hash) - -" end' "$work/events" > "$work/fields" 2> "$work/jq.err"; then
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
while IFS= read -r line <&3 && read -r seq prev claimed lost_from lost_to <&4; do
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
            if [ "$lost_from" != "-" ] && [ "$lost_from" -le "$expected_seq" ] && [ "$lost_to" -eq $((seq - 1)) ]; then
                # A confirmed gap event: its signature is checked by VerifyExport with the public key.
                echo "SEALED  events $lost_from to $lost_to were lost for good and sealed by gap event $seq"
            else
                echo "GAP     seq $seq: expected seq $expected_seq (events missing or reordered)"
                broken=1
            fi
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

# The manifest: the bytes after the header line are those the header names, from its first to its
# last event, so nothing was removed, added, reordered or changed anywhere, the end included.
if jq -e 'has("eventsSha256")' "$work/header" > /dev/null; then
    lines_sha256=$(tail -n +2 "$export_file" | sha256sum)
    lines_sha256=${lines_sha256%% *}
    if [ "$lines_sha256" != "$(jq -r .eventsSha256 "$work/header")" ]; then
        echo "EVENTS  the event lines are not those the header's eventsSha256 names: events were removed," \
            "added, reordered or changed"
        broken=1
    fi
    first_seq=$(head -n 1 "$work/fields" | cut -d ' ' -f 1)
    for bound in "firstSeq ${first_seq:-none}" "lastSeq ${last_seq:-none}"; do
        name=${bound%% *}
        actual=${bound#* }
        claimed=$(jq -r --arg m "$name" '.[$m] // "none"' "$work/header")
        if [ "$claimed" != "$actual" ]; then
            echo "BOUNDS  the header's $name is $claimed, the file's is $actual"
            broken=1
        fi
    done
fi

# The signature over the header line up to its signature member, closed with a brace, with the key
# it names in the history; that key must not have been retired before the export was made.
signed=", unsigned header"
if [ -n "$keys" ]; then
    header_line=$(head -n 1 "$export_file")
    signed_part=${header_line%,\"signature\":\"*}
    key_id=$(jq -r '.keyId // empty' "$work/header")
    if [ "$signed_part" = "$header_line" ]; then
        echo "UNSIGNED the header carries no signature: nothing shows the export is complete"
        broken=1
    else
        printf '%s}' "$signed_part" > "$work/header-signed"
        exported=$(jq -r .exportedAt "$work/header")
        if ! key_pem "$key_id" "$work/export-key.pem"; then
            echo "SIGNED  the header names key '$key_id', which is not in the key history"
            broken=1
        elif ! jq -r .signature "$work/header" | base64 -d > "$work/header.sig" 2> /dev/null \
            || ! openssl pkeyutl -verify -pubin -inkey "$work/export-key.pem" -rawin -in "$work/header-signed" \
                -sigfile "$work/header.sig" > /dev/null 2>&1; then
            echo "SIGNED  the header's signature does not verify with key $key_id: the header was changed"
            broken=1
        elif retired=$(retired_before "$key_id" "$exported"); then
            echo "SIGNED  key $key_id was retired at $retired, before the export was made ($exported)"
            broken=1
        else
            signed=", manifest and signature checked (key $key_id)"
        fi
    fi
elif jq -e 'has("signature")' "$work/header" > /dev/null; then
    signed=", manifest checked, signature not checked (give --keys)"
fi

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
        if ! key_pem "$key_id" "$work/key.pem"; then
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
        if retired=$(retired_before "$key_id" "$end"); then
            echo "DIGEST  $name: key $key_id was retired at $retired, before the digest's end $end"
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
            "(chain head when exported: seq $head_seq)$signed$against"
    else
        echo "OK: $count events, each event's hash checked (filtered export: links between events cannot be" \
            "checked)$signed$against"
    fi
    exit 0
fi
echo "BROKEN: $count events checked"
exit 1
