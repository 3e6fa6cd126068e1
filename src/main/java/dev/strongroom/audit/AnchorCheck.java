package dev.strongroom.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads every {@link JournalAnchor} and compares what each holds with the journal's head: an anchor
 * past the head means the journal was shortened; an anchor holding another hash under a number the
 * journal has means the number was re-used or the journal rewritten.
 */
@ApplicationScoped
public class AnchorCheck {

    private static final Logger LOG = Logger.getLogger(AnchorCheck.class);

    private final Instance<JournalAnchor> anchors;

    public AnchorCheck(Instance<JournalAnchor> anchors) {
        this.anchors = anchors;
    }

    /** One anchor finding, before it becomes an {@link IntegrityFinding}. */
    public record Finding(IntegrityFinding.Kind kind, long seq, String message) {
    }

    /** The local anchors (volume and catalog), read now. */
    public List<AnchorReading> readLocal() {
        List<AnchorReading> readings = new ArrayList<>();
        for (JournalAnchor anchor : anchors.stream().toList()) {
            readings.addAll(safely(anchor::readLocal, anchor));
        }
        return readings;
    }

    /**
     * The remote anchors (AWS), read in parallel in the background; the result completes once all are
     * read or {@code timeout} has passed, the late ones then counted as unavailable.
     */
    public CompletableFuture<List<AnchorReading>> readRemote(Duration timeout) {
        List<JournalAnchor> all = anchors.stream().toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, all.size()), r -> {
            Thread t = new Thread(r, "audit-anchor");
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<List<AnchorReading>>> reads = all.stream()
                .map(a -> CompletableFuture.supplyAsync(() -> safely(a::readRemote, a), pool)
                        .completeOnTimeout(List.of(AnchorReading.unavailable(name(a), "not read within " + timeout
                                + "; read again at the next re-check")), timeout.toMillis(), TimeUnit.MILLISECONDS))
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            pool.shutdownNow();
            List<AnchorReading> readings = new ArrayList<>();
            reads.forEach(r -> readings.addAll(r.join()));
            return readings;
        });
    }

    private static List<AnchorReading> safely(java.util.function.Supplier<List<AnchorReading>> read, JournalAnchor a) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.warnf("Reading the audit anchor %s failed: %s", name(a), e.toString());
            return List.of(AnchorReading.unavailable(name(a), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static String name(JournalAnchor anchor) {
        return anchor.getClass().getSimpleName().replace("_Subclass", "").replace("_ClientProxy", "");
    }

    /** What the readings say about a journal whose newest event is {@code head}. */
    public List<Finding> compare(List<AnchorReading> readings, JournalSegments segments, ChainHead head) {
        List<Finding> findings = new ArrayList<>();
        for (AnchorReading reading : readings) {
            reading.findings().forEach(d -> findings.add(new Finding(d.kind(), d.seq(), reading.anchor() + ": "
                    + d.message())));
            for (AnchorReading.Point point : reading.points()) {
                Finding finding = compare(reading.anchor(), point, segments, head);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    private static Finding compare(String anchor, AnchorReading.Point point, JournalSegments segments,
            ChainHead head) {
        if (point.seq() <= 0) {
            return null;
        }
        if (point.seq() > head.seq()) {
            return new Finding(IntegrityFinding.Kind.SHORTER_THAN_ANCHOR, point.seq(), "the journal ends at event "
                    + head.seq() + " but the " + anchor + " (" + point.where() + ") holds event " + point.seq()
                    + ": events " + (head.seq() + 1) + " to " + point.seq() + " are missing from the journal, and "
                    + "writing on would re-use their numbers");
        }
        if (point.hash() == null) {
            return null;
        }
        Optional<String> line = segments.lineAt(point.seq());
        if (line.isEmpty()) {
            return sealedOrMissing(anchor, point, segments);
        }
        String hash = EventLine.claimedHash(line.get());
        if (!point.hash().equals(hash)) {
            return new Finding(IntegrityFinding.Kind.SEQUENCE_REUSED, point.seq(), "the journal's event "
                    + point.seq() + " is not the one the " + anchor + " (" + point.where() + ") holds (hash "
                    + abbreviate(hash) + " against " + abbreviate(point.hash()) + "): the number was used twice or "
                    + "the journal rewritten from there");
        }
        return null;
    }

    /** An anchored event the journal lacks below its head: fine when a confirmed gap seals it. */
    private static Finding sealedOrMissing(String anchor, AnchorReading.Point point, JournalSegments segments) {
        long[] after = { -1 };
        String[] gapLine = { null };
        segments.forEachLine(point.seq(), l -> {
            long seq = JournalSegments.seqOf(l);
            if (after[0] < 0 && seq > point.seq()) {
                after[0] = seq;
                gapLine[0] = l;
            }
        });
        if (gapLine[0] != null) {
            try {
                SealedGap gap = SealedGap.of(EventLine.parse(gapLine[0]));
                if (gap != null && gap.fromSeq() <= point.seq() && gap.toSeq() >= point.seq()) {
                    return null;
                }
            } catch (Exception e) {
                // not a gap event: the event is simply missing
            }
        }
        return new Finding(IntegrityFinding.Kind.CHAIN_BROKEN, point.seq(), "the journal lacks event " + point.seq()
                + ", which the " + anchor + " (" + point.where() + ") holds");
    }

    static String abbreviate(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length())) + "…";
    }
}
