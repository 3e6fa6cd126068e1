/**
 * The tamper-evident audit trail.
 * <ul>
 * <li>An <em>event</em> is one action: who (actor, role), what (action, resource), how it ended
 * (outcome), from where (client, request id), with a few details.</li>
 * <li>The <em>journal</em> is the append-only record on the data volume: one JSON line per event,
 * each carrying a sequence number, the previous event's hash and its own hash, so that any change,
 * removal or reordering breaks the chain. It is the source of truth.</li>
 * <li>A <em>segment</em> is one journal file; a new one starts every UTC hour.</li>
 * <li>The <em>index</em> is a catalog table mirroring the journal for queries; it can always be
 * rebuilt from the journal.</li>
 * <li>The <em>chain head</em> is the sequence number and hash of the newest event.</li>
 * </ul>
 * The hash rule is in docs/audit-format.md.
 */
package dev.strongroom.audit;
