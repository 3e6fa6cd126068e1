package dev.strongroom.metadata;

import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentMetadata;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.DocumentStored;
import dev.strongroom.metadata.extract.Extraction;
import dev.strongroom.metadata.extract.ExtractionLimits;
import dev.strongroom.metadata.extract.LanguageGuesser;
import dev.strongroom.metadata.extract.MetadataExtractor;
import dev.strongroom.metadata.extract.Reason;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.Status;
import dev.strongroom.metadata.extract.Tesseract;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.UploadActivity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Extracts metadata in the service, in the background, so that metadata never delays an upload, a
 * download or a backup. Two lanes, each a bounded pool of low-priority daemon threads with its own
 * {@link MetadataExtractor}:
 * <ul>
 * <li>the <em>light lane</em> ({@code workers} threads) takes each document right after upload. A
 * document above {@code defer-above-bytes} is not parsed there: it is marked DEFERRED and handed on;</li>
 * <li>the <em>heavy lane</em> (one thread, {@code heavy-timeout}) extracts DEFERRED documents, one at a
 * time. The Lambda's deferred documents arrive here through {@link #handOverDeferred(String)}.</li>
 * </ul>
 * The catalog's {@code metadata_state} is the truth, the queues only a hint: a sweep every
 * {@code sweep-every} re-queues PENDING and DEFERRED documents nobody is working on, which covers
 * restarts and storage hiccups. A queue that overflowed (a burst of uploads beyond
 * {@code queue-capacity}) is refilled from the catalog, oldest first, by the lane itself whenever it
 * runs low, so a backlog drains at the extractor's own speed rather than a sweep batch per period. A document goes PENDING → EXTRACTED or UNPARSEABLE, or
 * PENDING → DEFERRED → EXTRACTED or UNPARSEABLE. Each result is audited as a system event.
 * Extractors are created on first use, so Tika costs nothing at startup, and released with the
 * language model once no document has needed them for {@code release-after} (a document over the
 * extraction limit never needs one). Before each document a lane
 * waits (up to {@code yield-to-uploads}) until no upload is arriving, so a burst of uploads gets the
 * cores and extraction catches up after it.
 * <p>
 * With {@code light-lane=false} (production, where the metadata Lambda does the light work) new
 * documents stay PENDING until the metadata sync brings their sidecar from S3; the heavy lane still
 * takes every deferred document.
 */
@ApplicationScoped
public class MetadataWorker {

    private static final Logger LOG = Logger.getLogger(MetadataWorker.class);
    static final String LIGHT = "light";
    static final String HEAVY = "heavy";
    /** How long a stop waits for an extraction cut off mid-way to let go of its transaction. */
    private static final Duration LANE_STOP = Duration.ofSeconds(10);

    private final MetadataConfig config;
    private final MetadataCatalog catalog;
    private final BlobStore store;
    private final PreviewStore previews;
    private final Auditor auditor;
    private final MeterRegistry registry;
    private final OcrEngine ocr;
    private final UploadActivity uploads;
    private final ThreadPoolExecutor lightLane;
    private final ThreadPoolExecutor heavyLane;
    private final Set<String> inLight = ConcurrentHashMap.newKeySet();
    private final Set<String> inHeavy = ConcurrentHashMap.newKeySet();
    /** PENDING documents may be waiting in the catalog that are not in the light lane's queue. */
    private final AtomicBoolean lightBacklog = new AtomicBoolean();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private volatile MetadataExtractor lightExtractor;
    private volatile MetadataExtractor heavyExtractor;
    /** Extractions running now; the extractors are only released when none is. Guarded by this. */
    private int extracting;
    private long lastExtractionNanos = System.nanoTime();

    public MetadataWorker(MetadataConfig config, MetadataCatalog catalog, BlobStore store, PreviewStore previews,
            Auditor auditor, MeterRegistry registry, OcrEngine ocr, UploadActivity uploads) {
        this.config = config;
        this.catalog = catalog;
        this.store = store;
        this.previews = previews;
        this.auditor = auditor;
        this.registry = registry;
        this.ocr = ocr;
        this.uploads = uploads;
        this.lightLane = lane(LIGHT, config.workers(), config.queueCapacity());
        this.heavyLane = lane(HEAVY, 1, config.queueCapacity());
    }

    /** A new upload: queue it for the light lane. Never throws into the upload. */
    void onStored(@Observes DocumentStored stored) {
        try {
            if (config.enabled() && config.lightLane()) {
                queueLight(stored.id());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not queue document %s for metadata extraction; the sweep will", stored.id());
        }
    }

    /** Once the vault has started, so extracting what a stop left pending does not slow the start down. */
    @Scheduled(every = "{strongroom.metadata.sweep-every}", delayed = "{strongroom.startup.background-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void sweep() {
        releaseIdle();
        if (!config.enabled()) {
            return;
        }
        if (config.lightLane()) {
            lightBacklog.set(true);
            refillLight(config.sweepBatch());
        } else {
            Instant overdue = Instant.now().minus(config.lambdaGrace());
            for (String id : catalog.waitingSince(MetadataState.PENDING, overdue, config.sweepBatch())) {
                if (handOverDeferredDocument(id)) {
                    LOG.warnf("Document %s has had no metadata sidecar from the Lambda for %s; the heavy lane "
                            + "extracts it", id, config.lambdaGrace());
                }
            }
        }
        for (String id : catalog.waiting(MetadataState.DEFERRED, config.sweepBatch())) {
            queueHeavy(id);
        }
    }

    /**
     * Hands the documents with these bytes to the heavy lane: the entry point for work deferred
     * elsewhere (the Lambda's "deferred" sidecars, through the metadata sync or the SSM hand-over).
     * Documents still PENDING are marked DEFERRED
     * first; ones that already have final metadata are left alone.
     *
     * @return how many documents were queued
     */
    public int handOverDeferred(String sha256) {
        int queued = 0;
        for (String id : catalog.withSha256(sha256)) {
            if (handOverDeferredDocument(id)) {
                queued++;
            }
        }
        return queued;
    }

    /** As {@link #handOverDeferred(String)}, for one document id; false when it has final metadata or is gone. */
    public boolean handOverDeferredDocument(String id) {
        Optional<DocumentMetadata.Target> found = catalog.find(id);
        if (found.isEmpty() || !found.get().heldHere()) {
            return false;
        }
        DocumentMetadata.Target target = found.get();
        if (target.state() == MetadataState.PENDING) {
            Sidecar deferred = MetadataExtractor.deferred(target.sha256(), target.size(), Reason.ABOVE_LIGHT_THRESHOLD,
                    "handed to the service's heavy lane by another extractor");
            if (!record(target, MetadataState.PENDING, new Extraction(deferred, null), HEAVY, 0)) {
                return false;
            }
        } else if (target.state() != MetadataState.DEFERRED) {
            return false;
        }
        queueHeavy(id);
        return true;
    }

    private void queueLight(String id) {
        if (lightLane.getQueue().remainingCapacity() == 0) {
            // Full: the refill takes it from the catalog. Checked first, so a burst does not pay a rejection each.
            leaveForRefill(id);
            return;
        }
        if (inLight.add(id)) {
            try {
                lightLane.execute(() -> {
                    run(id, inLight, this::extractLight);
                    refillWhenLow();
                });
            } catch (RejectedExecutionException full) {
                inLight.remove(id);
                leaveForRefill(id);
            }
        }
    }

    private void leaveForRefill(String id) {
        lightBacklog.set(true);
        LOG.debugf("Light lane full; document %s waits until the lane refills from the catalog", id);
    }

    /**
     * After each document: when the light queue has drained to a quarter and documents were left out
     * of it, queue the oldest PENDING documents again, up to the queue's capacity. Those already
     * queued or in flight are skipped, so each refill adds what the queue has room for.
     */
    private void refillWhenLow() {
        if (lightBacklog.get() && !Stopping.now() && lightLane.getQueue().size() <= config.queueCapacity() / 4) {
            refillLight(config.queueCapacity());
        }
    }

    private void refillLight(int limit) {
        if (!refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> waiting = catalog.waiting(MetadataState.PENDING, limit);
            // A short page is all there is; a full one may have left some out.
            lightBacklog.set(waiting.size() >= limit);
            for (String id : waiting) {
                queueLight(id);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the documents waiting for metadata (%s); the next sweep tries again",
                    e.toString());
        } finally {
            refilling.set(false);
        }
    }

    private void queueHeavy(String id) {
        if (inHeavy.add(id)) {
            try {
                heavyLane.execute(() -> run(id, inHeavy, this::extractHeavy));
            } catch (RejectedExecutionException full) {
                inHeavy.remove(id);
                LOG.debugf("Heavy lane full; document %s waits for the next sweep", id);
            }
        }
    }

    private void run(String id, Set<String> lane, Consumer<String> work) {
        try {
            uploads.awaitQuiet(config.yieldToUploads());
            work.accept(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            // The blob could not be read: a storage problem (ops restore it), not the document's fault.
            LOG.warnf("Metadata of document %s not extracted, its stored copy is unreadable (%s); retrying at the next sweep",
                    id, e.getMessage());
        } catch (RuntimeException e) {
            if (Stopping.now()) {
                LOG.infof("Metadata extraction of document %s cut off by the stop; it runs again after the next start",
                        id);
            } else {
                LOG.errorf(e, "Metadata extraction of document %s failed; retrying at the next sweep", id);
            }
        } finally {
            lane.remove(id);
        }
    }

    private void extractLight(String id) {
        Optional<DocumentMetadata.Target> found = catalog.find(id);
        if (found.isEmpty() || found.get().state() != MetadataState.PENDING || !found.get().heldHere()) {
            // Gone, done, or another host's: the host holding the bytes extracts them.
            return;
        }
        DocumentMetadata.Target target = found.get();
        if (reuseFinalSidecar(target, MetadataState.PENDING)) {
            return;
        }
        if (target.size() > config.deferAboveBytes()) {
            Sidecar deferred = MetadataExtractor.deferred(target.sha256(), target.size(), Reason.ABOVE_LIGHT_THRESHOLD,
                    "the document has " + target.size() + " bytes, above the light lane's " + config.deferAboveBytes());
            if (record(target, MetadataState.PENDING, new Extraction(deferred, null), LIGHT, 0)) {
                queueHeavy(id);
            }
            return;
        }
        Extraction extraction = extract(this::lightExtractor, target, LIGHT);
        if (record(target, MetadataState.PENDING, extraction, LIGHT, extraction.sidecar().extraction().millis())
                && extraction.sidecar().status() == Status.DEFERRED) {
            queueHeavy(id);
        }
    }

    private void extractHeavy(String id) {
        Optional<DocumentMetadata.Target> found = catalog.find(id);
        if (found.isEmpty() || found.get().state() != MetadataState.DEFERRED || !found.get().heldHere()) {
            return;
        }
        DocumentMetadata.Target target = found.get();
        if (reuseFinalSidecar(target, MetadataState.DEFERRED)) {
            return;
        }
        if (tooLargeToParse(target, MetadataState.DEFERRED, HEAVY)) {
            return;
        }
        if (!ocr.tesseract().isPresent() && catalog.waitsForOcr(id)) {
            // Parsing again without OCR would give the same answer; it waits until Tesseract is there.
            return;
        }
        Extraction extraction = extract(this::heavyExtractor, target, HEAVY);
        if (extraction.sidecar().status() == Status.DEFERRED) {
            if (extraction.sidecar().reason() == Reason.OCR_PENDING) {
                // Recorded so that the light fields (title, pages...) are searchable while it waits.
                record(target, MetadataState.DEFERRED, extraction, HEAVY, extraction.sidecar().extraction().millis());
            }
            // Otherwise even the heavy lane's parse thread was busy; the sweep tries again.
            return;
        }
        record(target, MetadataState.DEFERRED, extraction, HEAVY, extraction.sidecar().extraction().millis());
    }

    /**
     * A document above the extraction limit gets its "too large" sidecar without an extractor: building
     * one loads Tika and the language model (seconds of CPU, ~100 MB) for a parse that would not happen.
     */
    private boolean tooLargeToParse(DocumentMetadata.Target target, MetadataState expectedState, String lane) {
        long max = config.limits().maxBytes();
        if (target.size() <= max) {
            return false;
        }
        record(target, expectedState, MetadataExtractor.tooLarge(target.sha256(), target.size(), max), lane, 0);
        return true;
    }

    private Extraction extract(Supplier<MetadataExtractor> extractor, DocumentMetadata.Target target, String lane) {
        MetadataExtractor using;
        synchronized (this) {
            extracting++;
            using = extractor.get();
        }
        try {
            Timer.Sample sample = Timer.start(registry);
            Extraction extraction = using.extract(store.pathOf(target.sha256()), target.sha256(), target.fileName(),
                    target.retentionClass());
            sample.stop(registry.timer("strongroom.metadata.extraction.time", "lane", lane, "status",
                    extraction.sidecar().status().json()));
            return extraction;
        } finally {
            synchronized (this) {
                extracting--;
                lastExtractionNanos = System.nanoTime();
            }
        }
    }

    /**
     * Releases the extractors, the language model and the heap they held once no extraction has run for
     * {@code release-after}. The next document loads them again.
     */
    synchronized void releaseIdle() {
        if ((lightExtractor == null && heavyExtractor == null) || extracting > 0
                || System.nanoTime() - lastExtractionNanos < config.releaseAfter().toNanos()) {
            return;
        }
        for (MetadataExtractor e : new MetadataExtractor[] { lightExtractor, heavyExtractor }) {
            if (e != null) {
                e.close();
            }
        }
        lightExtractor = null;
        heavyExtractor = null;
        LanguageGuesser.release();
        // One full collection hands the freed heap back to the OS (the serial collector shrinks the heap
        // then); it runs once per idle period, when nobody is waiting for the vault.
        System.gc();
        LOG.infof("Metadata extractors idle for %s: released with the language model; the next document loads them "
                + "again", config.releaseAfter());
    }

    /** Whether the extractors are loaded (not yet created, or released after idle). */
    synchronized boolean extractorsLoaded() {
        return lightExtractor != null || heavyExtractor != null;
    }

    /** Identical bytes give an identical sidecar: copy a final one instead of parsing again. */
    private boolean reuseFinalSidecar(DocumentMetadata.Target target, MetadataState expectedState) {
        Optional<String> json = catalog.finalSidecarOf(target.sha256(), target.id());
        if (json.isEmpty()) {
            return false;
        }
        Sidecar sidecar;
        try {
            sidecar = SidecarJson.read(json.get());
        } catch (IllegalArgumentException olderSchema) {
            return false;
        }
        return record(target, expectedState, new Extraction(sidecar, null), "reused", 0);
    }

    private boolean record(DocumentMetadata.Target target, MetadataState expectedState, Extraction extraction,
            String lane, long millis) {
        Sidecar sidecar = extraction.sidecar();
        if (extraction.hasPreview()) {
            previews.save(target.sha256(), extraction.preview());
        }
        if (!catalog.record(target.id(), expectedState, sidecar, SidecarJson.write(sidecar), extraction.text())) {
            return false;
        }
        registry.counter("strongroom.metadata.extractions", "lane", lane, "status", sidecar.status().json())
                .increment();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sha256", target.sha256());
        detail.put("status", sidecar.status().json());
        detail.put("lane", lane);
        if (sidecar.reason() != null) {
            detail.put("reason", sidecar.reason().slug());
        }
        if (sidecar.detectedType() != null) {
            detail.put("detectedType", sidecar.detectedType());
        }
        detail.put("millis", millis);
        boolean deferred = sidecar.status() == Status.DEFERRED;
        auditor.record(deferred ? MetadataAction.DEFER : MetadataAction.EXTRACT, "document/" + target.id(),
                sidecar.status() == Status.UNPARSEABLE ? Outcome.FAILURE : Outcome.SUCCESS, detail);
        LOG.debugf("Metadata of document %s: %s%s", target.id(), sidecar.status().json(),
                sidecar.reason() == null ? "" : " (" + sidecar.reason().slug() + ")");
        return true;
    }

    /** The light lane's extractor, made on first use. Called holding this. */
    private MetadataExtractor lightExtractor() {
        if (lightExtractor == null) {
            lightExtractor = new MetadataExtractor(config.limits().toLimits(config.limits().timeout(), config.workers()));
        }
        return lightExtractor;
    }

    /** The heavy lane's extractor: with OCR when Tesseract is installed, without it otherwise. Called holding this. */
    private MetadataExtractor heavyExtractor() {
        if (heavyExtractor == null) {
            ExtractionLimits limits = config.limits().toLimits(config.heavyTimeout(), 1);
            heavyExtractor = ocr.tesseract()
                    .map(t -> new MetadataExtractor(limits, config.ocr().toSettings(), t))
                    .orElseGet(() -> new MetadataExtractor(limits));
        }
        return heavyExtractor;
    }

    /**
     * Tesseract appeared or went away: the next heavy extraction uses a new extractor, and the sweep
     * catches up. The old one is not closed, as a parse may still be running on it; its idle threads end
     * on their own.
     */
    synchronized void onOcrChanged(@Observes OcrEngine.Changed changed) {
        heavyExtractor = null;
    }

    /**
     * Before the journal closes and while the container still runs: an extraction cut off here ends its
     * transaction now, not after the container has gone (where ending it fails and logs an error).
     */
    void stopLanes(@Observes @Priority(50) ShutdownEvent event) throws InterruptedException {
        lightLane.shutdownNow();
        heavyLane.shutdownNow();
        long deadline = System.nanoTime() + LANE_STOP.toNanos();
        for (ThreadPoolExecutor lane : List.of(lightLane, heavyLane)) {
            if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.infof("A metadata extraction did not stop within %s; it runs again after the next start", LANE_STOP);
            }
        }
    }

    @PreDestroy
    void stop() {
        lightLane.shutdownNow();
        heavyLane.shutdownNow();
        for (MetadataExtractor e : new MetadataExtractor[] { lightExtractor, heavyExtractor }) {
            if (e != null) {
                e.close();
            }
        }
    }

    /**
     * Daemon threads at minimum priority (a hint Linux ignores by default; the bound that matters is
     * the thread count) with a bounded queue.
     */
    private static ThreadPoolExecutor lane(String name, int threads, int capacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, "metadata-" + name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
