package dev.strongroom.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.VerificationResult;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.backup.Manifest;
import dev.strongroom.backup.ObjectKeys;
import dev.strongroom.backup.Sha256;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

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

    private final S3Client s3;
    private final String bucket;
    private final String region;
    private final Path dataDir;
    private final int parallelism;
    private final PrintStream log;
    private final ObjectFetcher fetcher;

    public S3Restore(S3Client s3, String bucket, String region, Path dataDir, int parallelism, PrintStream log) {
        this.s3 = s3;
        this.bucket = bucket;
        this.region = region;
        this.dataDir = dataDir;
        this.parallelism = Math.max(1, parallelism);
        this.log = log;
        this.fetcher = new ObjectFetcher(s3, bucket);
    }

    public RestoreReport run(Optional<String> runId) throws IOException {
        Instant started = Instant.now();
        refuseNonEmpty();
        Path restoreDir = Files.createDirectories(dataDir.resolve(RESTORE_DIR));

        List<Loaded> chain = loadChain(runId);
        Loaded chosen = chain.get(0);
        log.printf("restore: run %s from s3://%s (%s), %d manifest(s) in the chain, all links verified%n",
                chosen.manifest.run().id(), bucket, region, chain.size());

        Manifest.ObjectRef catalogRef = chosen.manifest.catalog();
        Path catalogFile = restoreDir.resolve(CATALOG_FILE);
        fetcher.fetchToFile(catalogRef.key(), catalogRef.versionId(), catalogRef.sha256(), catalogFile);
        List<CatalogRows.DocumentRow> documents = new ArrayList<>();
        Set<String> tombstoned = new HashSet<>();
        readCatalog(catalogFile, documents, tombstoned);
        log.printf("restore: catalog export %s verified: %d documents%n", catalogRef.key(), documents.size());

        List<RestoreReport.Segment> segments = restoreJournal(chain);
        Set<String> uploadedInJournal = new HashSet<>();
        RestoreReport.Journal journal = verifyJournal(chosen.manifest, segments.size(), uploadedInJournal);
        log.printf("restore: audit journal %d segment(s), %d events, chain %s%n", journal.segments(), journal.events(),
                journal.verified() ? "verified" : "BROKEN: " + journal.findings());

        Map<String, Manifest.DocumentEntry> entries = new LinkedHashMap<>();
        for (Loaded loaded : chain) {
            for (Manifest.DocumentEntry entry : loaded.manifest.documents()) {
                entries.putIfAbsent(entry.id(), entry);
            }
        }
        List<RestoreReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        Counters counters = restoreDocuments(documents, entries, failures);

        Set<String> exported = new HashSet<>();
        documents.forEach(d -> exported.add(d.id()));
        uploadedInJournal.stream().filter(id -> !exported.contains(id) && !tombstoned.contains(id)).sorted()
                .forEach(id -> failures.add(new RestoreReport.Failure(id,
                        "uploaded after the catalog export of run " + chosen.manifest.run().id() + "; not in the backup")));

        RestoreReport report = new RestoreReport(
                new RestoreReport.Source(bucket, region, chosen.manifest.run().id(), chosen.key, chosen.sha256,
                        chain.size()),
                started, Instant.now(), documents.size(), counters.restored.get(), counters.skipped.get(),
                failures.size(), counters.bytes.get(), fetcher.fallbacks.get(), journal, List.copyOf(failures),
                segments);
        BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(restoreDir.resolve(REPORT_FILE).toFile(), report);
        double seconds = Math.max(0.001, Duration.between(started, report.finishedAt()).toMillis() / 1000.0);
        log.printf("restore: finished in %.1f s: %d restored, %d skipped (same bytes as another document), %d failed; "
                + "%.1f MB at %.1f MB/s; %d version fallback(s); report in %s%n", seconds, report.restored(),
                report.skipped(), report.failed(), report.bytes() / 1e6, report.bytes() / 1e6 / seconds,
                report.versionFallbacks(), restoreDir.resolve(REPORT_FILE));
        for (RestoreReport.Failure f : report.failures()) {
            log.printf("restore: FAILED document %s: %s%n", f.documentId(), f.reason());
        }
        return report;
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

    private List<Loaded> loadChain(Optional<String> runId) throws IOException {
        String key;
        if (runId.isPresent()) {
            key = ObjectKeys.manifest(runId.get());
        } else {
            key = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ObjectKeys.MANIFESTS)).contents().stream()
                    .map(S3Object::key).filter(k -> ObjectKeys.runOf(k) != null).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("bucket " + bucket + " holds no manifest under "
                            + ObjectKeys.MANIFESTS + ": there is no backup to restore"));
        }
        List<Loaded> chain = new ArrayList<>();
        String expectedSha = null;
        while (key != null) {
            String current = key;
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(current));
            String sha = Sha256.hexOf(bytes.asByteArray());
            if (expectedSha != null && !expectedSha.equals(sha)) {
                throw new IllegalStateException("manifest chain broken at " + key + ": its SHA-256 is " + sha
                        + " but the next manifest recorded " + expectedSha);
            }
            Manifest manifest = BackupJson.MAPPER.readValue(bytes.asByteArray(), Manifest.class);
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

    private List<RestoreReport.Segment> restoreJournal(List<Loaded> chain) throws IOException {
        Map<String, Manifest.SegmentEntry> newest = new LinkedHashMap<>();
        for (Loaded loaded : chain) {
            for (Manifest.SegmentEntry segment : loaded.manifest.journal()) {
                newest.putIfAbsent(segment.key(), segment);
            }
        }
        Path dir = Files.createDirectories(dataDir.resolve("audit").resolve("journal"));
        List<RestoreReport.Segment> restored = new ArrayList<>();
        for (Manifest.SegmentEntry segment : newest.values()) {
            String name = segment.key().substring(ObjectKeys.JOURNAL.length());
            fetcher.fetchToFile(segment.key(), segment.versionId(), segment.sha256(), dir.resolve(name));
            restored.add(new RestoreReport.Segment(name, segment.size(), segment.sha256(), segment.versionId()));
        }
        return restored;
    }

    private RestoreReport.Journal verifyJournal(Manifest manifest, int segmentCount, Set<String> uploaded) {
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        new JournalSegments(dataDir.resolve("audit").resolve("journal")).forEachLine(0, line -> {
            verifier.accept(line);
            try {
                AuditEvent event = EventLine.parse(line);
                if ("document.upload".equals(event.action()) && "success".equals(event.outcome())
                        && event.documentId() != null) {
                    uploaded.add(event.documentId());
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
            Map<String, Manifest.DocumentEntry> entries, List<RestoreReport.Failure> failures) {
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
                    try {
                        Manifest.DocumentEntry entry = entries.get(doc.id());
                        String versionId = entry != null ? entry.versionId()
                                : "BACKED_UP".equals(doc.backupState()) ? doc.backupVersionId() : null;
                        if (entry == null && versionId == null) {
                            failures.add(new RestoreReport.Failure(doc.id(),
                                    "not in the backup (it was still pending when the run exported the catalog)"));
                        } else if (claimed.putIfAbsent(doc.sha256(), Boolean.TRUE) != null) {
                            counters.skipped.incrementAndGet();
                        } else {
                            counters.bytes.addAndGet(restoreBlob(store, doc, versionId));
                            counters.restored.incrementAndGet();
                        }
                    } catch (RuntimeException | IOException e) {
                        claimed.remove(doc.sha256());
                        failures.add(new RestoreReport.Failure(doc.id(), e.getMessage()));
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

    private long restoreBlob(BlobStore store, CatalogRows.DocumentRow doc, String versionId) throws IOException {
        PendingBlob[] pending = new PendingBlob[1];
        try {
            return fetcher.fetch(ObjectKeys.document(doc.id()), versionId, doc.sha256(), new ObjectFetcher.Sink() {
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
