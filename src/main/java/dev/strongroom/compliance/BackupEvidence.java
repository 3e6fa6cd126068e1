package dev.strongroom.compliance;

import dev.strongroom.backup.BackupConfig;
import dev.strongroom.backup.BackupService;
import dev.strongroom.backup.BucketPosture;
import dev.strongroom.backup.BucketPostureCheck;
import dev.strongroom.backup.ConfirmedChecksums;
import dev.strongroom.backup.ObjectKeys;
import dev.strongroom.catalog.Document;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The backup's evidence: coverage (every document's recorded S3 version asked for its checksum, so
 * the report shows what S3 holds, not only what the catalog believes), the RPO achieved in the
 * period, and the bucket's posture, checked afresh.
 */
@ApplicationScoped
public class BackupEvidence {

    static final String COVERAGE = "backup-coverage";
    static final String RPO = "backup-rpo";
    static final String POSTURE = "s3-posture";

    private final BackupService backups;
    private final BackupConfig config;
    private final BucketPostureCheck posture;
    private final S3Client s3;
    private final ConfirmedChecksums checksums;
    private final ExecutorService heads;

    public BackupEvidence(BackupService backups, BackupConfig config, BucketPostureCheck posture, S3Client s3,
            ConfirmedChecksums checksums, ComplianceConfig compliance) {
        this.backups = backups;
        this.config = config;
        this.posture = posture;
        this.s3 = s3;
        this.checksums = checksums;
        int threads = Math.max(1, compliance.headParallelism());
        int[] n = { 0 };
        this.heads = Executors.newFixedThreadPool(threads, r -> new Thread(r, "compliance-head-" + (++n[0])));
    }

    private record Row(String id, String fileName, Instant uploadedAt, String state, String versionId, String sha256,
            long size) {
    }

    /** Coverage now; {@code checked} is told how many documents have been looked at so far. */
    public ComplianceReport.Coverage coverage(IntConsumer checked) {
        List<Row> rows = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.fileName, d.uploadedAt, d.backupState, d.backupVersionId, d.sha256, "
                        + "d.sizeBytes from Document d order by d.uploadedAt, d.id", Object[].class)
                .getResultList().stream().map(r -> new Row((String) r[0], (String) r[1], (Instant) r[2], (String) r[3],
                        (String) r[4], (String) r[5], ((Number) r[6]).longValue()))
                .toList());
        if (!backups.configured()) {
            return new ComplianceReport.Coverage(false, null, rows.size(), 0, 0, List.of());
        }
        String bucket = config.bucket().get();
        ConfirmedChecksums.Lookup expected = checksums.load();
        List<Future<ComplianceReport.CoverageException>> results = new ArrayList<>();
        int[] done = { 0 };
        for (Row row : rows) {
            results.add(heads.submit(() -> {
                ComplianceReport.CoverageException exception = check(bucket, row, expected);
                synchronized (done) {
                    checked.accept(++done[0]);
                }
                return exception;
            }));
        }
        List<ComplianceReport.CoverageException> exceptions = new ArrayList<>();
        for (Future<ComplianceReport.CoverageException> f : results) {
            try {
                ComplianceReport.CoverageException e = f.get();
                if (e != null) {
                    exceptions.add(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the backup coverage", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        exceptions.sort(Comparator.comparing(ComplianceReport.CoverageException::uploadedAt)
                .thenComparing(ComplianceReport.CoverageException::documentId));
        long covered = rows.size() - exceptions.size();
        double percent = rows.isEmpty() ? 100.0 : Math.floor(10000.0 * covered / rows.size()) / 100.0;
        return new ComplianceReport.Coverage(true, bucket, rows.size(), covered, percent, List.copyOf(exceptions));
    }

    /**
     * Null when the recorded version is in the bucket and S3's checksum for it is the one the vault
     * confirmed, compared by the checksum type S3 reports (docs/backup.md).
     */
    private ComplianceReport.CoverageException check(String bucket, Row row, ConfirmedChecksums.Lookup expected) {
        if (!Document.BACKED_UP.equals(row.state()) || row.versionId() == null) {
            long age = Duration.between(row.uploadedAt(), Instant.now()).toSeconds();
            return exception(row, "not confirmed in S3 yet (uploaded " + age + " s ago)");
        }
        String key = ObjectKeys.document(row.id());
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(row.versionId())
                    .checksumMode(ChecksumMode.ENABLED));
        } catch (S3Exception e) {
            return exception(row, e.statusCode() == 404 ? "version " + row.versionId() + " of " + key
                    + " is not in bucket " + bucket : "S3 answered " + e.statusCode() + " for version " + row.versionId());
        } catch (SdkException e) {
            return exception(row, "S3 could not be asked about version " + row.versionId() + ": " + e.getMessage());
        }
        String mismatch = checksums.mismatch(expected, row.id(), row.versionId(), row.sha256(), row.size(),
                head.checksumSHA256(), head.checksumType());
        return mismatch == null ? null : exception(row, mismatch);
    }

    private static ComplianceReport.CoverageException exception(Row row, String reason) {
        return new ComplianceReport.CoverageException(row.id(), row.fileName(), row.uploadedAt(), row.versionId(), reason);
    }

    /**
     * Documents still pending within the allowed lag are listed as exceptions but do not fail the
     * check: the next backup run takes them.
     */
    public Check coverageCheck(ComplianceReport.Coverage coverage) {
        if (!coverage.configured()) {
            return Check.notConfigured(COVERAGE, "Backups are not configured (strongroom.backup.bucket): no document "
                    + "has a copy in S3");
        }
        Instant allowed = Instant.now().minus(config.maxLag());
        List<ComplianceReport.CoverageException> failing = coverage.exceptions().stream()
                .filter(e -> e.versionId() != null || e.uploadedAt().isBefore(allowed)).toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bucket", coverage.bucket());
        evidence.put("documents", coverage.documents());
        evidence.put("covered", coverage.covered());
        evidence.put("coveragePercent", coverage.percent());
        evidence.put("exceptions", coverage.exceptions().size());
        evidence.put("failingDocumentIds", failing.stream().map(ComplianceReport.CoverageException::documentId).toList());
        evidence.put("maxLagSeconds", config.maxLag().toSeconds());
        String summary = coverage.covered() + " of " + coverage.documents() + " documents (" + coverage.percent()
                + " %) have an S3 version whose checksum matches the catalog";
        if (!failing.isEmpty()) {
            summary += "; " + failing.size() + " failing, first: document " + failing.get(0).documentId() + ": "
                    + failing.get(0).reason();
        } else if (!coverage.exceptions().isEmpty()) {
            summary += "; " + coverage.exceptions().size() + " recent upload(s) wait for the next run, within "
                    + config.maxLag().toSeconds() + " s";
        }
        return Check.of(COVERAGE, failing.isEmpty(), summary, evidence);
    }

    /** The largest lag between upload and S3 confirmation among documents that were pending during the period. */
    public Check rpoCheck(Instant from, Instant to) {
        if (!backups.configured()) {
            return Check.notConfigured(RPO, "Backups are not configured (strongroom.backup.bucket), so there is no "
                    + "recovery point outside this volume");
        }
        Instant now = Instant.now();
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.uploadedAt, d.backedUpAt from Document d where d.uploadedAt < :to "
                        + "and (d.backedUpAt is null or d.backedUpAt >= :from)", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList());
        String worst = null;
        long worstSeconds = 0;
        boolean worstPending = false;
        for (Object[] r : rows) {
            Instant uploaded = (Instant) r[1];
            Instant confirmed = (Instant) r[2];
            Instant end = confirmed != null ? confirmed : (to.isBefore(now) ? to : now);
            long lag = Math.max(0, Duration.between(uploaded, end).toSeconds());
            if (worst == null || lag > worstSeconds) {
                worst = (String) r[0];
                worstSeconds = lag;
                worstPending = confirmed == null;
            }
        }
        long limit = config.maxLag().toSeconds();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("largestLagSeconds", worstSeconds);
        evidence.put("documentId", worst);
        evidence.put("stillPending", worstPending);
        evidence.put("documentsConsidered", rows.size());
        evidence.put("limitSeconds", limit);
        String summary = worst == null ? "No document waited for a backup during the period (largest lag 0 s)"
                : "Largest backup lag in the period " + worstSeconds + " s (document " + worst
                        + (worstPending ? ", still not confirmed" : "") + "); the limit is " + limit + " s";
        return Check.of(RPO, worstSeconds <= limit, summary, evidence);
    }

    public Check postureCheck() {
        if (!backups.configured()) {
            return Check.notConfigured(POSTURE, "Backups are not configured (strongroom.backup.bucket): there is no "
                    + "bucket to check");
        }
        BucketPosture p = posture.check();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bucket", p.bucket());
        evidence.put("checkedAt", p.checkedAt().toString());
        p.checks().forEach((name, ok) -> evidence.put(name, ok));
        evidence.put("findings", p.findings());
        String summary = p.compliant() ? "Bucket " + p.bucket() + ": versioning, Object Lock with default retention, "
                + "replication, encryption and public access block as required"
                : "Bucket " + p.bucket() + " is not compliant: " + String.join("; ", p.findings());
        return Check.of(POSTURE, p.compliant(), summary, evidence);
    }

    @PreDestroy
    void stop() {
        heads.shutdownNow();
    }
}
