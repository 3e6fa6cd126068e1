package dev.strongroom.compliance;

import dev.strongroom.backup.BackupConfig;
import dev.strongroom.backup.BackupService;
import dev.strongroom.backup.BucketPosture;
import dev.strongroom.backup.BucketPostureCheck;
import dev.strongroom.backup.ConfirmedChecksums;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectInfo;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.jobs.JobState;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.catalog.DocumentBackups;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The backup's evidence: coverage (every document's recorded S3 version listed in the bucket, and its
 * checksum asked for when it is new since the last report or drawn in a sample, so the report shows
 * what S3 holds, not only what the catalog believes), the RPO achieved in the
 * period, and the bucket's posture, checked afresh.
 */
@ApplicationScoped
public class BackupEvidence {

    static final String COVERAGE = "backup-coverage";
    static final String RPO = "backup-rpo";
    static final String POSTURE = "s3-posture";
    /**
     * Documents confirmed this long before the previous report began are checked in full again: a
     * confirmation committed while that report read the catalog is not missed.
     */
    static final Duration CONFIRMATION_MARGIN = Duration.ofMinutes(10);

    private final BackupService backups;
    private final BackupConfig config;
    private final BucketPostureCheck posture;
    private final BackupTarget target;
    private final ConfirmedChecksums checksums;
    private final ComplianceConfig compliance;
    private final DocumentBackups documents;
    private final ExecutorService heads;

    public BackupEvidence(BackupService backups, BackupConfig config, BucketPostureCheck posture, BackupTarget target,
            ConfirmedChecksums checksums, ComplianceConfig compliance, DocumentBackups documents) {
        this.backups = backups;
        this.documents = documents;
        this.config = config;
        this.posture = posture;
        this.target = target;
        this.checksums = checksums;
        this.compliance = compliance;
        int threads = Math.max(1, compliance.headParallelism());
        int[] n = { 0 };
        this.heads = Executors.newFixedThreadPool(threads, r -> new Thread(r, "compliance-head-" + (++n[0])));
    }

    private record Row(String id, String fileName, Instant uploadedAt, BackupState state, String versionId,
            String sha256, long size, Instant backedUpAt) {

        boolean confirmed() {
            return state == BackupState.BACKED_UP && versionId != null;
        }
    }

    /**
     * Coverage now; {@code checked} is told how many documents have been looked at so far. One listing
     * of the bucket's document versions shows that every recorded version is there with the catalog's
     * size; S3's checksum is asked for ({@code HEAD}) only of the documents confirmed since the last
     * report that checked every checksum it asked for, and of a random sample of the older ones, so
     * the requests follow what is new, not the size of the vault.
     */
    public ComplianceReport.Coverage coverage(IntConsumer checked) {
        Instant startedAt = Instant.now();
        List<Row> rows = documents.coverage().stream().map(d -> new Row(d.id(), d.fileName(), d.uploadedAt(),
                d.state(), d.versionId(), d.sha256(), d.sizeBytes(), d.backedUpAt())).toList();
        if (!backups.configured()) {
            return new ComplianceReport.Coverage(false, null, rows.size(), 0, 0, List.of(), null);
        }
        String bucket = config.bucket().get();
        Instant fullSince = previousCoverageThrough().map(t -> t.minus(CONFIRMATION_MARGIN)).orElse(null);
        List<Row> inFull = new ArrayList<>();
        List<Row> older = new ArrayList<>();
        List<ComplianceReport.CoverageException> exceptions = new ArrayList<>();
        for (Row row : rows) {
            if (!row.confirmed()) {
                long age = Duration.between(row.uploadedAt(), Instant.now()).toSeconds();
                exceptions.add(exception(row, "not confirmed in S3 yet (uploaded " + age + " s ago)"));
            } else if (fullSince == null || row.backedUpAt() == null || !row.backedUpAt().isBefore(fullSince)) {
                inFull.add(row);
            } else {
                older.add(row);
            }
        }
        int pending = exceptions.size();
        int[] done = { pending };
        checked.accept(done[0]);
        List<Row> sample = new ArrayList<>(older);
        if (older.size() > compliance.coverageSample()) {
            Collections.shuffle(sample, new SecureRandom());
            sample = sample.subList(0, compliance.coverageSample());
        }
        Set<Row> headed = new HashSet<>(sample);
        String listingFailure = null;
        Map<String, Long> listed = Map.of();
        if (older.size() > sample.size()) {
            try {
                listed = versionSizes();
            } catch (StorageFailure e) {
                listingFailure = "S3 could not list the document versions in bucket " + bucket + ": " + e.getMessage();
            }
        }
        for (Row row : older) {
            if (headed.contains(row)) {
                continue;
            }
            Long size = listed.get(ObjectKeys.document(row.id()) + "\n" + row.versionId());
            if (listingFailure != null) {
                exceptions.add(exception(row, listingFailure));
            } else if (size == null) {
                exceptions.add(exception(row, "version " + row.versionId() + " of " + ObjectKeys.document(row.id())
                        + " is not in bucket " + bucket));
            } else if (size != row.size()) {
                exceptions.add(exception(row, "S3 lists " + size + " bytes for version " + row.versionId()
                        + ", the catalog has " + row.size()));
            }
            done[0]++;
        }
        checked.accept(done[0]);
        List<Row> toHead = new ArrayList<>(inFull);
        toHead.addAll(sample);
        ConfirmedChecksums.Lookup expected = checksums.load();
        List<Future<ComplianceReport.CoverageException>> results = new ArrayList<>();
        for (Row row : toHead) {
            results.add(heads.submit(() -> {
                ComplianceReport.CoverageException exception = check(bucket, row, expected);
                synchronized (done) {
                    checked.accept(++done[0]);
                }
                return exception;
            }));
        }
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
        // A version missing, differing or not asked about keeps the next report checking every checksum again.
        boolean clean = exceptions.size() == pending;
        ComplianceReport.ChecksumScope scope = new ComplianceReport.ChecksumScope(fullSince, inFull.size(),
                older.size(), sample.size(), clean ? mismatchBound(older.size(), sample.size()) : null,
                clean ? startedAt : null);
        return new ComplianceReport.Coverage(true, bucket, rows.size(), covered, percent, List.copyOf(exceptions),
                scope);
    }

    /**
     * With 95 % confidence, the share (percent, two decimals, rounded up) of the older documents whose
     * checksum S3 would not confirm is below this, given that none of {@code sampled} random ones failed:
     * 1 - 0.05^(1/n), the exact binomial bound for no failure in n draws (about 3/n, the rule of three).
     */
    static double mismatchBound(long older, long sampled) {
        if (sampled >= older) {
            return 0;
        }
        if (sampled == 0) {
            return 100;
        }
        return Math.ceil(10000.0 * (1 - Math.pow(0.05, 1.0 / sampled))) / 100.0;
    }

    /** The latest finished report's checksum mark; empty when it had none (a failure) or no report finished. */
    private static Optional<Instant> previousCoverageThrough() {
        return QuarkusTransaction.requiringNew().call(() -> ReportRecord.<ReportRecord>find(
                "state = ?1 order by startedAt desc", JobState.SUCCEEDED).firstResultOptional()
                .map(r -> r.coverageThrough));
    }

    /** Size of every document version in the bucket, by key and version id: one request per 1,000 versions. */
    private Map<String, Long> versionSizes() {
        Map<String, Long> sizes = new HashMap<>();
        // No such bucket lists no version: none of them is there, and each document says so.
        target.versions(ObjectKeys.DOCUMENTS).forEach(v -> sizes.put(v.key() + "\n" + v.versionId(), v.size()));
        return sizes;
    }

    /**
     * Null when the recorded version is in the bucket and S3's checksum for it is the one the vault
     * confirmed, compared by the checksum type S3 reports (docs/backup.md).
     */
    private ComplianceReport.CoverageException check(String bucket, Row row, ConfirmedChecksums.Lookup expected) {
        String key = ObjectKeys.document(row.id());
        Optional<ObjectInfo> head;
        try {
            head = target.head(key, row.versionId());
        } catch (StorageFailure e) {
            return exception(row, "S3 could not be asked about version " + row.versionId() + ": " + e.getMessage());
        }
        if (head.isEmpty()) {
            return exception(row, "version " + row.versionId() + " of " + key + " is not in bucket " + bucket);
        }
        String mismatch = checksums.mismatch(expected, row.id(), row.versionId(), row.sha256(), row.size(),
                head.get().checksum(), head.get().checksumType());
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
        ComplianceReport.ChecksumScope scope = coverage.checksums();
        evidence.put("checksumsFullSince", scope.fullSince() == null ? null : scope.fullSince().toString());
        evidence.put("checksumsCheckedInFull", scope.checkedInFull());
        evidence.put("olderDocuments", scope.olderDocuments());
        evidence.put("olderSampled", scope.olderSampled());
        evidence.put("mismatchBoundPercent", scope.mismatchBoundPercent());
        String summary = coverage.covered() + " of " + coverage.documents() + " documents (" + coverage.percent()
                + " %) have their S3 version with the catalog's checksum; " + scope.statement();
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
        List<DocumentBackups.Timing> rows = documents.waitingDuring(from, to);
        String worst = null;
        long worstSeconds = 0;
        boolean worstPending = false;
        for (DocumentBackups.Timing r : rows) {
            Instant uploaded = r.uploadedAt();
            Instant confirmed = r.backedUpAt();
            Instant end = confirmed != null ? confirmed : (to.isBefore(now) ? to : now);
            long lag = Math.max(0, Duration.between(uploaded, end).toSeconds());
            if (worst == null || lag > worstSeconds) {
                worst = r.id();
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
