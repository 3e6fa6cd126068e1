package dev.strongroom.backup;

import dev.strongroom.catalog.DocumentToBackUp;
import dev.strongroom.Stopping;
import dev.strongroom.catalog.DocumentBackups;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Marks documents BACKED_UP in the catalog, many per transaction: every catalog commit is a
 * durable write, and one per document made the catalog, not S3, a bound of a run. A document
 * enters the batch only after S3 confirmed it, and counts in the run's figures only once its
 * batch is committed, so the run's counts are exactly the documents marked. The run's record is
 * brought up to those counts in the same transaction, so a run cut off by a stop, a crash or a
 * kill -9 still says what it confirmed.
 * <p>
 * A crash between S3's confirmation and the commit leaves those documents PENDING with their
 * objects in the bucket; the next run adopts them ({@link DocumentUploader}), so the window costs
 * a HEAD each, never a duplicate or a false mark.
 */
final class BackedUpBatch {

    private static final Logger LOG = Logger.getLogger(BackedUpBatch.class);
    static final int MAX_DOCUMENTS = 200;
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private record Confirmed(DocumentToBackUp doc, ConfirmedVersion version, Instant at) {
    }

    private final DocumentBackups documents;
    private final RunProgress progress;
    private final Runnable committed;
    private final List<Confirmed> waiting = new ArrayList<>();

    /** @param committed told after each commit (the pending count changed) */
    BackedUpBatch(DocumentBackups documents, RunProgress progress, Runnable committed) {
        this.documents = documents;
        this.progress = progress;
        this.committed = committed;
    }

    /** Adds a confirmed document; commits the batch when it is full or its oldest entry has waited long enough. */
    void add(DocumentToBackUp doc, ConfirmedVersion version) {
        Instant now = Instant.now();
        List<Confirmed> due = null;
        synchronized (this) {
            waiting.add(new Confirmed(doc, version, now));
            if (waiting.size() >= MAX_DOCUMENTS || !waiting.get(0).at().plus(MAX_WAIT).isAfter(now)) {
                due = drain();
            }
        }
        if (due != null) {
            commit(due);
        }
    }

    /** Commits whatever waits; called when the run's uploads are over, however they ended. */
    void flush() {
        List<Confirmed> due;
        synchronized (this) {
            due = drain();
        }
        if (!due.isEmpty()) {
            commit(due);
        }
    }

    private List<Confirmed> drain() {
        List<Confirmed> due = List.copyOf(waiting);
        waiting.clear();
        return due;
    }

    private void commit(List<Confirmed> due) {
        Instant at = Instant.now();
        List<Confirmed> marked = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                marked.clear();
                for (Confirmed c : due) {
                    // A document changed or disposed of since the run read it is not marked, and not counted.
                    if (documents.recordBackedUp(c.doc().id(), c.doc().sha256(), c.version().versionId(), at)) {
                        marked.add(c);
                        if (c.version().composite() != null) {
                            CompositeChecksum.keep(c.doc().id(), c.version().versionId(), c.version().composite());
                        }
                    }
                }
                long adopted = marked.stream().filter(c -> c.version().adopted()).count();
                BackupRun.update("documents = documents + ?1, adopted = adopted + ?2, bytes = ?3 where id = ?4",
                        marked.size(), (int) adopted, progress.bytes.get(), progress.id());
            });
        } catch (RuntimeException e) {
            progress.failed.addAndGet(due.size());
            progress.error("the catalog could not record " + due.size() + " confirmed document(s) (" + e.getMessage()
                    + "); they stay pending and the next run adopts their S3 versions");
            if (Stopping.now()) {
                LOG.warnf("Could not mark %d confirmed document(s) backed up before the stop closed the catalog; the "
                        + "next run adopts them", due.size());
            } else {
                LOG.errorf(e, "Could not mark %d confirmed document(s) backed up; the next run adopts them",
                        due.size());
            }
            return;
        }
        for (Confirmed c : marked) {
            (c.version().adopted() ? progress.adopted : progress.uploaded).incrementAndGet();
        }
        progress.touch();
        committed.run();
    }
}
