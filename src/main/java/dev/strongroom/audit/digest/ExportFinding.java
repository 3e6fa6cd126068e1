package dev.strongroom.audit.digest;

/**
 * One finding about an export checked against signed digests.
 *
 * @param kind {@code MISSING}, {@code CHANGED}, {@code REORDERED}, {@code EXTRA}, {@code BROKEN-LINK},
 *        {@code UNREADABLE}, {@code COUNT} (the header's count is wrong), {@code DIGEST} (a digest cannot
 *        be trusted), {@code DIGEST-GAP} (the digest chain is broken) or {@code SEGMENT} (a segment's
 *        bytes differ from its signed SHA-256)
 * @param seq the event it is about, or -1 when it is about no single event
 */
public record ExportFinding(String kind, long seq, String message) {
}
