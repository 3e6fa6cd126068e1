package dev.strongroom.audit;

import java.util.List;

/**
 * What one outside anchor of the journal holds: the newest events it knows by sequence number (and
 * hash, when it has it), or findings it can state directly (a segment in S3 longer than the journal's).
 *
 * @param anchor which anchor, as people read it ("catalog index", "newest signed digest", ...)
 * @param note what was read, or why nothing was
 */
public record AnchorReading(String anchor, Status status, List<Point> points, List<Direct> findings, String note) {

    public enum Status {
        READ, NOT_CONFIGURED, UNAVAILABLE
    }

    /** One event the anchor holds. @param hash null when the anchor knows only the number */
    public record Point(long seq, String hash, String where) {
    }

    /** A finding the anchor makes itself, without a point to compare. */
    public record Direct(IntegrityFinding.Kind kind, long seq, String message) {
    }

    public static AnchorReading read(String anchor, List<Point> points, String note) {
        return new AnchorReading(anchor, Status.READ, points, List.of(), note);
    }

    public static AnchorReading notConfigured(String anchor, String note) {
        return new AnchorReading(anchor, Status.NOT_CONFIGURED, List.of(), List.of(), note);
    }

    public static AnchorReading unavailable(String anchor, String note) {
        return new AnchorReading(anchor, Status.UNAVAILABLE, List.of(), List.of(), note);
    }

    public AnchorReading withFindings(List<Direct> direct) {
        return new AnchorReading(anchor, status, points, direct, note);
    }
}
