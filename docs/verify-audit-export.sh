#!/bin/sh
# Verifies a Strongroom NDJSON audit export with nothing but a POSIX shell, jq and sha256sum,
# so that an auditor need not trust the vault's own code. The rules are in docs/audit-format.md.
#
#   sh verify-audit-export.sh strongroom-audit-2026-11-22.ndjson
#
# Exit status: 0 intact, 1 broken (every finding is printed), 2 unusable input.
set -eu

# Byte semantics for the pattern matching below: the hash rule is defined on bytes.
LC_ALL=C
export LC_ALL

if [ "$#" -ne 1 ] || [ ! -r "$1" ]; then
    echo "usage: $0 EXPORT.ndjson" >&2
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

if [ "$broken" -eq 0 ]; then
    if [ "$contiguous" = true ]; then
        echo "OK: $count events, chain checked from its anchor (seq ${anchor_seq:-unknown}) to seq ${last_seq:-none}" \
            "(chain head when exported: seq $head_seq)"
    else
        echo "OK: $count events, each event's hash checked (filtered export: links between events cannot be checked)"
    fi
    exit 0
fi
echo "BROKEN: $count events checked"
exit 1
