package dev.strongroom.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.VerificationResult;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.backup.Manifest;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.Sha256;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rebuilds an empty data directory from a backup bucket alone: walks the manifest chain back from
 * the newest (or a chosen) run, verifying each link; restores the catalog export, the journal
 * segments (and verifies the audit chain over them) and every document's bytes, each checked
 * against its SHA-256 before it is kept. The vault imports the catalog at its next start.
 * CDI-free: it runs before any vault does.
 */
public final class S3Restore {

    static final String RESTORE_DIR = "restore";
    static final String CATALOG_FILE = "catalog.ndjson";
    static final String REPORT_FILE = "report.json";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final BackupTarget target;
    private final String bucket;
    private final String region;
    private final Path dataDir;
    private final int parallelism;
    private final PrintStream log;
    private final ObjectFetcher fetcher;
    private final Buckets buckets;

    /**
     * The bucket restored from and the other bucket of the pair, asked for what the first cannot give.
     *
     * @param source which of the pair {@code bucket} is
     * @param other the other bucket, when it is known here
     * @param auditLogGroup the CloudWatch Logs group of the audit stream, named in the verdict's leads
     */
    public record Buckets(CopySource source, Optional<OtherBucket> other, String auditLogGroup) {
    }

    /** The second bucket of the pair: the replica when restoring from the primary, the primary otherwise. */
    public record OtherBucket(BackupTarget target, String region, CopySource source) {

        public String bucket() {
            return target.location();
        }
    }

    /** @param target the bucket restored from, as a target of its region (S3BackupTarget.forBucket) */
    public S3Restore(BackupTarget target, String region, Path dataDir, int parallelism, PrintStream log,
            Buckets buckets) {
        this.target = target;
        this.bucket = target.location();
        this.region = region;
        this.dataDir = dataDir;
        this.parallelism = Math.max(1, parallelism);
        this.log = log;
        this.fetcher = new ObjectFetcher(target);
        this.buckets = buckets;
    }

    /**
     * @param runId restore as of this run of the host instead of its newest
     * @param host the host whose chain to rebuild; by default the claim's only host, or the bucket's only chain
     */
    public RestoreReport run(Optional<String> runId, Optional<String> host) throws IOException {
        Instant started = Instant.now();
        refuseNonEmpty();
        Optional<BucketClaim> claim = ClaimedIds.read(target, log);
        ClaimedIds.Choice choice = ClaimedIds.choose(claim, HostKeys.chainsIn(target), host);
        Path restoreDir = Files.createDirectories(dataDir.resolve(RESTORE_DIR));

        List<Loaded> chain = loadChain(choice.chain(), runId);
        Loaded chosen = chain.get(0);
        log.printf("restore: %s, run %s from s3://%s (%s), %d manifest(s) in the chain, all links verified%n",
                choice.chain().label(), chosen.manifest.run().id(), bucket, region, chain.size());
        ClaimedIds.adopt(claim, choice, dataDir, log);

        Exported export = runId.isPresent() ? new Exported(choice.chain(), chosen.manifest)
                : newestExport(choice.chain(), chosen.manifest);
        Manifest.ObjectRef catalogRef = export.manifest().catalog();
        Path catalogFile = restoreDir.resolve(CATALOG_FILE);
        fetcher.fetchToFile(catalogRef.key(), catalogRef.versionId(), catalogRef.sha256(), catalogFile);
        List<CatalogRows.DocumentRow> documents = new ArrayList<>();
        Set<String> tombstoned = new HashSet<>();
        readCatalog(catalogFile, documents, tombstoned);
        leaveOutTheDisposed(catalogFile, documents, tombstoned);
        log.printf("restore: catalog export %s verified: %d documents%s%n", catalogRef.key(), documents.size(),
                export.chain().equals(choice.chain()) ? "" : " (the newest of the vault's hosts: the catalog is "
                        + "shared, and " + export.chain().label() + " exported it last)");

        List<RestoreVerdict.Missing> missing = Collections.synchronizedList(new ArrayList<>());
        List<RestoreVerdict.Recovered> recovered = Collections.synchronizedList(new ArrayList<>());
        List<RestoreReport.Segment> segments = restoreJournal(chain, missing, recovered);
        Map<String, AuditEvent> uploadedInJournal = new HashMap<>();
        RestoreReport.Journal journal = verifyJournal(chosen.manifest, segments.size(), uploadedInJournal);
        log.printf("restore: audit journal %d segment(s), %d events, chain %s%n", journal.segments(), journal.events(),
                journal.verified() ? "verified" : "BROKEN: " + journal.findings());

        Map<String, Manifest.DocumentEntry> entries = new LinkedHashMap<>();
        for (Loaded loaded : chain) {
            for (Manifest.DocumentEntry entry : loaded.manifest.documents()) {
                entries.putIfAbsent(entry.id(), entry);
            }
        }
        String runOfExport = export.manifest().run().id();
        Counters counters = restoreDocuments(documents, entries, runOfExport, missing, recovered);

        Set<String> exported = new HashSet<>();
        documents.forEach(d -> exported.add(d.id()));
        uploadedInJournal.values().stream().filter(e -> !exported.contains(e.documentId())
                && !tombstoned.contains(e.documentId())).sorted(Comparator.comparingLong(AuditEvent::seq))
                .forEach(e -> missing.add(new RestoreVerdict.Missing(RestoreVerdict.Kind.DOCUMENT, e.documentId(),
                        e.detail().get("fileName"), e.detail().get("owner"), e.detail().get("sha256"),
                        "uploaded at " + e.time() + ", after run " + runOfExport + " exported the catalog: its bytes "
                                + "are not in the backup (its upload event, seq " + e.seq() + ", is)",
                        List.of(onDataVolume(e.time())))));

        missing.addAll(ClaimedIds.hostsLeftOut(choice, buckets.source()));
        List<RestoreVerdict.Missing> missingSorted = new ArrayList<>(missing);
        missingSorted.sort(Comparator.comparing((RestoreVerdict.Missing m) -> m.kind()).thenComparing(
                RestoreVerdict.Missing::id));
        RestoreVerdict verdict = RestoreVerdict.of(missingSorted, recovered, List.of(pastTheBackup(chosen.manifest)),
                journal.verified());
        List<RestoreReport.Failure> failures = missingSorted.stream().filter(m -> m.kind() == RestoreVerdict.Kind.DOCUMENT)
                .map(m -> new RestoreReport.Failure(m.id(), m.reason())).toList();
        RestoreReport report = new RestoreReport(
                new RestoreReport.Source(bucket, region, chosen.manifest.run().id(), chosen.key, chosen.sha256,
                        chain.size(), choice.hostId().orElse(null), choice.leftOut(), runOfExport),
                started, Instant.now(), documents.size(), counters.restored.get(), counters.skipped.get(),
                failures.size(), counters.bytes.get(), fetcher.fallbacks.get(), journal, failures, segments, verdict);
        BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(restoreDir.resolve(REPORT_FILE).toFile(), report);
        double seconds = Math.max(0.001, Duration.between(started, report.finishedAt()).toMillis() / 1000.0);
        log.printf("restore: finished in %.1f s: %d restored, %d skipped (same bytes as another document), %d failed; "
                + "%.1f MB at %.1f MB/s; %d version fallback(s); report in %s%n", seconds, report.restored(),
                report.skipped(), report.failed(), report.bytes() / 1e6, report.bytes() / 1e6 / seconds,
                report.versionFallbacks(), restoreDir.resolve(REPORT_FILE));
        verdict.lines().forEach(line -> log.println("restore: " + line));
        if (!choice.leftOut().isEmpty()) {
            log.printf("restore: restored %s; NOT restored: %s (restore each in turn onto its own empty data "
                    + "directory)%n", choice.chain().label(), String.join(", ", choice.leftOut()));
        }
        return report;
    }

    /** Bytes the backup never had are only where they were uploaded. */
    private static RestoreVerdict.Lead onDataVolume(String uploadedAt) {
        return new RestoreVerdict.Lead(CopySource.DATA_VOLUME, "the volume of the host that took the upload, or a "
                + "snapshot of it taken after " + uploadedAt + " (restore it and reconcile: deploy/RUNBOOK.md)");
    }

    /**
     * The backup's journal ends at the run's head; the host went on journaling and shipping to
     * CloudWatch Logs after it. Said every time, because nothing here has looked there.
     */
    private RestoreVerdict.Lead pastTheBackup(Manifest manifest) {
        long head = manifest.journalHead() == null ? 0 : manifest.journalHead().seq();
        return new RestoreVerdict.Lead(CopySource.CLOUDWATCH_LOGS, "audit events after seq " + head + " (written after "
                + "run " + manifest.run().id() + " ended at " + manifest.run().finishedAt() + ") are not in the backup; "
                + "the audit stream of the host that wrote them, in log group " + buckets.auditLogGroup()
                + ", holds every event it shipped (aws logs filter-log-events --log-group-name " + buckets.auditLogGroup()
                + " --start-time <ms since epoch>)");
    }

    private RestoreVerdict.Lead otherBucketLead(String key, String versionId) {
        return buckets.other().map(o -> new RestoreVerdict.Lead(o.source(), "s3://" + o.bucket() + "/" + key
                + " was tried too and has no version with the recorded SHA-256")).orElseGet(() -> {
                    CopySource other = buckets.source() == CopySource.PRIMARY_BUCKET ? CopySource.REPLICA_BUCKET
                            : CopySource.PRIMARY_BUCKET;
                    return new RestoreVerdict.Lead(other, "not configured for this restore, so not tried: " + key
                            + (versionId == null ? "" : " version " + versionId) + " (replication keeps version ids); "
                            + "pass --other-bucket and --other-region");
                });
    }

    private void refuseNonEmpty() throws IOException {
        if (!Files.exists(dataDir)) {
            Files.createDirectories(dataDir);
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            List<String> present = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lost+found"))
                    .toList();
            if (!present.isEmpty()) {
                throw new IllegalStateException("the data directory " + dataDir + " is not empty (" + present
                        + "); a restore only fills an empty one, so that nothing live is overwritten");
            }
        }
    }

    private record Loaded(String key, String sha256, Manifest manifest) {
    }

    /** The manifest whose catalog export is restored, and the chain it belongs to. */
    private record Exported(HostKeys chain, Manifest manifest) {
    }

    /**
     * The catalog is the vault's, shared by its hosts, and every host's run exports all of it: the newest export of
     * any host is the most complete. Another host's newest manifest is read only for its export, whose bytes are
     * checked against the SHA-256 the manifest records, as every restored object is.
     */
    private Exported newestExport(HostKeys restored, Manifest own) throws IOException {
        Exported newest = new Exported(restored, own);
        for (HostKeys other : HostKeys.chainsIn(target)) {
            if (other.equals(restored)) {
                continue;
            }
            Optional<String> key = other.newestManifest(target);
            if (key.isEmpty()) {
                continue;
            }
            Manifest manifest = BackupJson.MAPPER.readValue(target.read(key.get(), null), Manifest.class);
            if (Manifest.FORMAT.equals(manifest.format()) && manifest.catalog() != null
                    && endOf(manifest).isAfter(endOf(newest.manifest()))) {
                newest = new Exported(other, manifest);
            }
        }
        return newest;
    }

    private static Instant endOf(Manifest manifest) {
        return manifest.run().finishedAt() != null ? manifest.run().finishedAt() : manifest.run().startedAt();
    }

    private List<Loaded> loadChain(HostKeys host, Optional<String> runId) throws IOException {
        String key = runId.isPresent() ? host.manifest(runId.get()) : host.newestManifest(target).orElseThrow(
                () -> new IllegalStateException("bucket " + bucket + " holds no manifest under " + host.manifests()
                        + ": there is no backup of " + host.label() + " to restore"));
        List<Loaded> chain = new ArrayList<>();
        String expectedSha = null;
        while (key != null) {
            byte[] bytes = target.read(key, null);
            String sha = Sha256.hexOf(bytes);
            if (expectedSha != null && !expectedSha.equals(sha)) {
                throw new IllegalStateException("manifest chain broken at " + key + ": its SHA-256 is " + sha
                        + " but the next manifest recorded " + expectedSha);
            }
            Manifest manifest = BackupJson.MAPPER.readValue(bytes, Manifest.class);
            if (!Manifest.FORMAT.equals(manifest.format())) {
                throw new IllegalStateException(key + " is not a Strongroom manifest");
            }
            chain.add(new Loaded(key, sha, manifest));
            expectedSha = manifest.previous() == null ? null : manifest.previous().sha256();
            key = manifest.previous() == null ? null : manifest.previous().key();
        }
        return chain;
    }

    private void readCatalog(Path file, List<CatalogRows.DocumentRow> documents, Set<String> tombstoned)
            throws IOException {
        try (MappingIterator<JsonNode> lines = BackupJson.MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            JsonNode header = lines.next();
            if (!CatalogRows.FORMAT.equals(header.path("format").asText())) {
                throw new IllegalStateException("the catalog export is not in the " + CatalogRows.FORMAT + " format");
            }
            while (lines.hasNext()) {
                CatalogRows.Line line = BackupJson.MAPPER.treeToValue(lines.next(), CatalogRows.Line.class);
                if (line.document() != null) {
                    documents.add(line.document());
                } else if (line.tombstone() != null) {
                    tombstoned.add(line.tombstone().documentId());
                }
            }
        }
    }

    /**
     * An export an earlier release wrote while a document was being disposed of can hold the document's row and its
     * tombstone both (that release read the tables at different moments). The tombstone is the later truth: the
     * document is neither fetched nor imported, and the catalog file the next start imports loses the row.
     */
    private void leaveOutTheDisposed(Path catalogFile, List<CatalogRows.DocumentRow> documents, Set<String> tombstoned)
            throws IOException {
        List<String> disposed = documents.stream().map(CatalogRows.DocumentRow::id).filter(tombstoned::contains)
                .toList();
        if (disposed.isEmpty()) {
            return;
        }
        documents.removeIf(d -> tombstoned.contains(d.id()));
        Path kept = Files.createTempFile(catalogFile.getParent(), CATALOG_FILE, ".tmp");
        try {
            try (MappingIterator<JsonNode> lines = BackupJson.MAPPER.readerFor(JsonNode.class).readValues(
                    catalogFile.toFile()); SequenceWriter out = BackupJson.MAPPER.writer().withRootValueSeparator("\n")
                            .writeValues(kept.toFile())) {
                while (lines.hasNext()) {
                    JsonNode line = lines.next();
                    if (!tombstoned.contains(line.path("document").path("id").asText(null))) {
                        out.write(line);
                    }
                }
            }
            Files.writeString(kept, "\n", StandardOpenOption.APPEND);
            Files.move(kept, catalogFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            // A full disk leaves the fetched export as it was, with no half-written copy beside it.
            Files.deleteIfExists(kept);
        }
        log.printf("restore: %d document(s) are in the catalog export with a tombstone too (disposed of while the "
                + "export was written): not restored, they were disposed of: %s%n", disposed.size(),
                String.join(", ", disposed));
    }

    private List<RestoreReport.Segment> restoreJournal(List<Loaded> chain, List<RestoreVerdict.Missing> missing,
            List<RestoreVerdict.Recovered> recovered) throws IOException {
        Map<String, Manifest.SegmentEntry> newest = new LinkedHashMap<>();
        for (Loaded loaded : chain) {
            for (Manifest.SegmentEntry segment : loaded.manifest.journal()) {
                newest.putIfAbsent(segment.key(), segment);
            }
        }
        Path dir = Files.createDirectories(dataDir.resolve("audit").resolve("journal"));
        List<RestoreReport.Segment> restored = new ArrayList<>();
        for (Manifest.SegmentEntry segment : newest.values()) {
            String name = HostKeys.segmentName(segment.key());
            try {
                fetcher.fetchToFile(segment.key(), segment.versionId(), segment.sha256(), dir.resolve(name));
            } catch (ObjectFetcher.RestoreFailure | StorageFailure e) {
                Optional<CopySource> from = fromOtherBucket(other -> other.fetchToFile(segment.key(),
                        segment.versionId(), segment.sha256(), dir.resolve(name)));
                if (from.isEmpty()) {
                    missing.add(new RestoreVerdict.Missing(RestoreVerdict.Kind.AUDIT_EVENTS, "seq " + segment.firstSeq()
                            + "-" + segment.lastSeq(), name, null, segment.sha256(), e.getMessage(), List.of(
                                    otherBucketLead(segment.key(), segment.versionId()),
                                    new RestoreVerdict.Lead(CopySource.CLOUDWATCH_LOGS, "the audit stream of the "
                                            + "host that wrote them, in log group " + buckets.auditLogGroup()),
                                    new RestoreVerdict.Lead(CopySource.DATA_VOLUME, "audit/journal/" + name
                                            + " on that host's data volume"))));
                    continue;
                }
                recovered.add(new RestoreVerdict.Recovered(RestoreVerdict.Kind.AUDIT_EVENTS, "seq "
                        + segment.firstSeq() + "-" + segment.lastSeq(), from.get(), name));
            }
            restored.add(new RestoreReport.Segment(name, segment.size(), segment.sha256(), segment.versionId()));
        }
        return restored;
    }

    /** What a fetch from the other bucket does; throws like {@link ObjectFetcher} when it finds nothing. */
    private interface OtherFetch {
        void from(ObjectFetcher other) throws IOException;
    }

    /** Runs {@code fetch} against the other bucket; the source it came from, or empty when it did not. */
    private Optional<CopySource> fromOtherBucket(OtherFetch fetch) throws IOException {
        if (buckets.other().isEmpty()) {
            return Optional.empty();
        }
        OtherBucket other = buckets.other().get();
        try {
            fetch.from(new ObjectFetcher(other.target()));
            return Optional.of(other.source());
        } catch (ObjectFetcher.RestoreFailure | StorageFailure e) {
            return Optional.empty();
        }
    }

    private RestoreReport.Journal verifyJournal(Manifest manifest, int segmentCount, Map<String, AuditEvent> uploaded) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        new JournalSegments(dataDir.resolve("audit").resolve("journal")).forEachLine(0, line -> {
            verifier.accept(line);
            try {
                AuditEvent event = EventLine.parse(line);
                if (DocumentAction.UPLOAD.action().equals(event.action()) && Outcome.SUCCESS.is(event.outcome())
                        && event.documentId() != null) {
                    uploaded.put(event.documentId(), event);
                }
            } catch (IOException e) {
                // The verifier has already recorded the unreadable line as a finding.
            }
        });
        VerificationResult result = verifier.result();
        List<String> findings = new ArrayList<>(result.findings().stream().map(ChainVerifier.Finding::message).toList());
        Manifest.Head expected = manifest.journalHead();
        if (expected != null && (result.head() == null || result.head().seq() != expected.seq()
                || !result.head().hash().equals(expected.hash()))) {
            findings.add("the restored journal ends at " + (result.head() == null ? "nothing" : "seq "
                    + result.head().seq()) + " but the manifest recorded head seq " + expected.seq());
        }
        return new RestoreReport.Journal(segmentCount, result.eventCount(),
                result.head() == null ? 0 : result.head().seq(), result.head() == null ? null : result.head().hash(),
                findings.isEmpty(), findings);
    }

    private record Counters(AtomicInteger restored, AtomicInteger skipped, AtomicLong bytes) {
    }

    private Counters restoreDocuments(List<CatalogRows.DocumentRow> documents,
            Map<String, Manifest.DocumentEntry> entries, String runOfExport, List<RestoreVerdict.Missing> missing,
            List<RestoreVerdict.Recovered> recovered) {
        BlobStore store = new BlobStore(new Dir(dataDir));
        Counters counters = new Counters(new AtomicInteger(), new AtomicInteger(), new AtomicLong());
        Map<String, Boolean> claimed = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        Instant[] lastLog = { Instant.now() };
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (CatalogRows.DocumentRow doc : documents) {
                futures.add(pool.submit(() -> {
                    Manifest.DocumentEntry entry = entries.get(doc.id());
                    String versionId = entry != null ? entry.versionId()
                            : doc.backupState() == BackupState.BACKED_UP ? doc.backupVersionId() : null;
                    if (entry == null && versionId == null) {
                        missing.add(missingDocument(doc, "still pending when run " + runOfExport + " exported the "
                                + "catalog (uploaded at " + doc.uploadedAt() + "): its bytes are not in the backup",
                                List.of(onDataVolume(String.valueOf(doc.uploadedAt())))));
                    } else if (claimed.putIfAbsent(doc.sha256(), Boolean.TRUE) != null) {
                        counters.skipped.incrementAndGet();
                    } else {
                        OptionalLong bytes = restoreWithFallback(store, doc, versionId, missing, recovered);
                        if (bytes.isPresent()) {
                            counters.bytes.addAndGet(bytes.getAsLong());
                            counters.restored.incrementAndGet();
                        } else {
                            claimed.remove(doc.sha256());
                        }
                    }
                    int n = done.incrementAndGet();
                    synchronized (lastLog) {
                        if (n == documents.size() || Duration.between(lastLog[0], Instant.now()).compareTo(
                                PROGRESS_EVERY) >= 0) {
                            lastLog[0] = Instant.now();
                            log.printf("restore: %d of %d documents, %.1f MB%n", n, documents.size(),
                                    counters.bytes.get() / 1e6);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("restore interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return counters;
    }

    private static RestoreVerdict.Missing missingDocument(CatalogRows.DocumentRow doc, String reason,
            List<RestoreVerdict.Lead> leads) {
        return new RestoreVerdict.Missing(RestoreVerdict.Kind.DOCUMENT, doc.id(), doc.fileName(), doc.owner(),
                doc.sha256(), reason, leads);
    }

    /**
     * The recorded version from the bucket restored from, or any version there with the recorded
     * SHA-256; failing that, the same from the other bucket of the pair. Empty, with the document
     * recorded as missing with its leads, when neither has it.
     */
    private OptionalLong restoreWithFallback(BlobStore store, CatalogRows.DocumentRow doc, String versionId,
            List<RestoreVerdict.Missing> missing, List<RestoreVerdict.Recovered> recovered) {
        String key = ObjectKeys.document(doc.id());
        String firstFailure;
        try {
            return OptionalLong.of(restoreBlob(fetcher, store, doc, versionId));
        } catch (ObjectFetcher.RestoreFailure | StorageFailure | IOException | UncheckedIOException e) {
            firstFailure = e.getMessage();
        }
        if (buckets.other().isPresent()) {
            OtherBucket other = buckets.other().get();
            try {
                long bytes = restoreBlob(new ObjectFetcher(other.target()), store, doc, versionId);
                recovered.add(new RestoreVerdict.Recovered(RestoreVerdict.Kind.DOCUMENT, doc.id(), other.source(),
                        "s3://" + other.bucket() + "/" + key + " (s3://" + bucket + " failed: " + firstFailure + ")"));
                return OptionalLong.of(bytes);
            } catch (ObjectFetcher.RestoreFailure | StorageFailure | IOException | UncheckedIOException e) {
                firstFailure += "; s3://" + other.bucket() + ": " + e.getMessage();
            }
        }
        missing.add(missingDocument(doc, firstFailure, List.of(otherBucketLead(key, versionId),
                onDataVolume(String.valueOf(doc.uploadedAt())))));
        return OptionalLong.empty();
    }

    private long restoreBlob(ObjectFetcher from, BlobStore store, CatalogRows.DocumentRow doc, String versionId)
            throws IOException {
        PendingBlob[] pending = new PendingBlob[1];
        try {
            return from.fetch(ObjectKeys.document(doc.id()), versionId, doc.sha256(), new ObjectFetcher.Sink() {
                @Override
                public OutputStream open() {
                    if (pending[0] != null) {
                        pending[0].close();
                    }
                    pending[0] = store.begin();
                    return new FilterOutputStream(pending[0].output()) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            flush();
                        }
                    };
                }

                @Override
                public boolean accept(String sha256) {
                    return pending[0].seal().equals(sha256) && pending[0].commit() != null;
                }

                @Override
                public void discard() {
                    pending[0].close();
                    pending[0] = null;
                }
            });
        } finally {
            if (pending[0] != null) {
                pending[0].close();
            }
        }
    }

    /** The data directory, as the store expects its configuration. */
    private record Dir(Path dataDir) implements VaultConfig {
        @Override
        public Optional<String> adminPassword() {
            return Optional.empty();
        }

        /** The restore command schedules no checks. */
        @Override
        public Startup startup() {
            return () -> Duration.ZERO;
        }
    }
}
