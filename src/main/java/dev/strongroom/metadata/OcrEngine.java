package dev.strongroom.metadata;

import dev.strongroom.Stopping;
import dev.strongroom.VaultConfig;
import dev.strongroom.metadata.extract.Status;
import dev.strongroom.metadata.extract.Tesseract;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Knows whether this host can run OCR: looks for Tesseract after start and every {@code probe-every},
 * so installing it later is noticed without a restart. A change is announced as an
 * {@link OcrEngine.Changed} event (the heavy lane then makes a new extractor) and logged loudly.
 */
@ApplicationScoped
public class OcrEngine {

    private static final Logger LOG = Logger.getLogger(OcrEngine.class);

    /** What the last look found, and when. */
    public record Status(boolean enabled, Tesseract.Probe probe, Instant checkedAt) {

        public boolean available() {
            return enabled && probe.available();
        }

        public String problem() {
            return !enabled ? "OCR is switched off (strongroom.metadata.ocr.enabled=false)" : probe.problem();
        }
    }

    /** Fired when OCR becomes available or unavailable. */
    public record Changed(Status status) {
    }

    private final MetadataConfig config;
    private final VaultConfig vault;
    private final Event<Changed> changes;
    private volatile Status status;

    public OcrEngine(MetadataConfig config, VaultConfig vault, Event<Changed> changes) {
        this.config = config;
        this.vault = vault;
        this.changes = changes;
    }

    /** First once the vault has started (not during it: start-up stays fast), then every {@code probe-every}. */
    @Scheduled(every = "{strongroom.metadata.ocr.probe-every}", delayed = "{strongroom.startup.background-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    synchronized void probe() {
        MetadataConfig.Ocr ocr = config.ocr();
        Tesseract.Probe probe = ocr.enabled()
                ? Tesseract.probe(ocr.command(), ocr.languages(), ocr.niceness(), vault.dataDir().resolve("ocr-bin"))
                : new Tesseract.Probe(Optional.empty(), null);
        Status now = new Status(ocr.enabled(), probe, Instant.now());
        Status before = status;
        status = now;
        if (before == null || before.available() != now.available()) {
            if (now.available()) {
                Tesseract t = probe.tesseract().orElseThrow();
                LOG.infof("OCR available: %s, languages %s", t.version(), t.languages());
            } else {
                LOG.warnf("OCR unavailable: %s. Images and scanned PDFs keep their metadata without text and stay "
                        + "ocr-pending until it is available.", now.problem());
            }
            changes.fire(new Changed(now));
        }
    }

    public Status status() {
        Status s = status;
        if (s == null) {
            probe();
            s = status;
        }
        return s;
    }

    /** The Tesseract to run, when OCR is on and installed. */
    public Optional<Tesseract> tesseract() {
        Status s = status();
        return s.available() ? s.probe().tesseract() : Optional.empty();
    }
}
