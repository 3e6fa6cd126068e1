package dev.strongroom.compliance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strongroom.compliance.drill.DrillView;
import java.time.Instant;
import java.util.List;

/**
 * The report document: what report.json holds and what the CSV, HTML and PDF show. The format is
 * described in docs/compliance-report.md and docs/compliance-report.schema.json; bump
 * {@link #VERSION} when a field changes meaning or goes away.
 *
 * @param overall PASS when every check passed, FAIL otherwise (a NOT_CONFIGURED check is no pass)
 * @param drill the newest finished restore drill, null when none has run
 */
@JsonPropertyOrder({ "format", "version", "id", "generatedAt", "generatedBy", "trigger", "period", "overall", "totals",
        "checks", "inventory", "coverage", "access", "security", "retention", "drill" })
public record ComplianceReport(String format, int version, String id, Instant generatedAt, String generatedBy,
        String trigger, Period period, CheckStatus overall, Totals totals, List<Check> checks, Inventory inventory,
        Coverage coverage, List<UserAccess> access, Security security, Retention retention, DrillView drill) {

    public static final String FORMAT = "strongroom-compliance-report";
    public static final int VERSION = 1;

    /** The period [from, to) that activity figures (RPO, access, sign-ins, CloudWatch) cover. */
    public record Period(Instant from, Instant to) {
    }

    public record Totals(int pass, int fail, int notConfigured) {
    }

    /** Documents and bytes in the catalog when the report was made. */
    public record Inventory(long documents, long bytes, List<Group> byType, List<Group> byRetentionClass) {
    }

    public record Group(String key, long documents, long bytes) {
    }

    /**
     * Documents whose recorded S3 version carries the catalog's SHA-256.
     *
     * @param percent covered / documents * 100, two decimals; 100 for an empty catalog
     * @param exceptions every document not covered, with the reason
     * @param checksums which documents S3 was asked for its checksum; null when backups are not configured
     */
    public record Coverage(boolean configured, String bucket, long documents, long covered, double percent,
            List<CoverageException> exceptions, ChecksumScope checksums) {
    }

    /**
     * Every confirmed document's version is checked against the bucket's listing (present, with the
     * catalog's size); S3's checksum is asked for those confirmed since {@code fullSince} and for a
     * random sample of the older ones.
     *
     * @param fullSince null when every confirmed document's checksum was asked for (no earlier clean report)
     * @param mismatchBoundPercent with 95 % confidence, the share of the older documents whose checksum S3
     *        would not confirm is below this; null when a check failed (the next report then checks all)
     * @param checkedThrough every document confirmed before this had its checksum checked by this report or
     *        an earlier one; null when a check failed
     */
    public record ChecksumScope(Instant fullSince, long checkedInFull, long olderDocuments, long olderSampled,
            Double mismatchBoundPercent, Instant checkedThrough) {

        /** For the check's summary and the PDF: which checksums S3 was asked for, and what that bounds. */
        public String statement() {
            String text = "S3's checksum asked for " + checkedInFull + " document(s) confirmed "
                    + (fullSince == null ? "ever" : "since " + fullSince);
            if (olderDocuments == 0) {
                return text;
            }
            text += " and for " + olderSampled + " of the " + olderDocuments + " older one(s) drawn at random, the rest "
                    + "checked against the bucket's listing";
            return mismatchBoundPercent == null || olderSampled == olderDocuments ? text
                    : text + " (with 95 % confidence fewer than " + mismatchBoundPercent + " % of the older ones differ)";
        }
    }

    public record CoverageException(String documentId, String fileName, Instant uploadedAt, String versionId,
            String reason) {
    }

    /** What one user did in the period (successful actions only). */
    public record UserAccess(String user, long uploads, long views, long downloads, long exports) {
    }

    /**
     * @param failedLogins sign-ins refused in the period (wrong password, unknown or disabled user,
     *        throttled, missing CSRF token)
     * @param refusals requests refused in the period other than sign-ins (403, 401, CSRF, rejected)
     */
    public record Security(long failedLogins, List<ActorCount> failedLoginsByUser, long refusals,
            List<Refusal> refusalsByAction) {
    }

    public record ActorCount(String user, long count, Instant last) {
    }

    public record Refusal(String actor, String action, String outcome, long count, Instant last) {
    }

    public record Retention(List<Kept> legalHolds, List<Kept> pastRetention, List<PendingDisposal> pendingDisposals,
            List<Disposed> tombstones) {
    }

    public record Kept(String documentId, String fileName, String retentionClass, Instant retainUntil,
            boolean legalHold) {
    }

    public record PendingDisposal(String requestId, String documentId, String requestedBy, Instant requestedAt,
            String reason) {
    }

    public record Disposed(String documentId, String sha256, String fileName, String requestedBy, String approvedBy,
            Instant disposedAt, String reason) {
    }
}
