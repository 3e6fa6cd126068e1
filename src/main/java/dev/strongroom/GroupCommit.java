package dev.strongroom;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Group commit for the catalog's small per-request writes (an upload's catalog row, an audit event's
 * index row). The embedded catalog writes its store on every commit under one lock (the H2 URL sets
 * {@code WRITE_DELAY=0}), so requests that each commit their own row queue on that lock, one commit
 * at a time. Here one thread runs the writes that are waiting, up to {@value #MAX_BATCH}, in one
 * transaction, and each caller returns only once the transaction holding its write has committed:
 * the same guarantee as committing alone, one commit for many requests.
 * <p>
 * When a batch fails, its writes are run again one per transaction, so a write that fails (a
 * constraint, say) fails its own caller only.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    static final int MAX_BATCH = 256;

    /** Queued after the last write at shutdown; the committer stops when it takes it. */
    private static final Write STOP = new Write(() -> {
    }, new CompletableFuture<>());

    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private Thread committer;
    private boolean closed;

    @PostConstruct
    void start() {
        committer = new Thread(this::commitLoop, "catalog-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Runs {@code write} in a catalog transaction and returns once that transaction has committed. */
    public void run(Runnable write) {
        Write pending = new Write(write, new CompletableFuture<>());
        boolean queued;
        synchronized (admission) {
            queued = !closed && Thread.currentThread() != committer;
            if (queued) {
                queue.add(pending);
            }
        }
        if (!queued) {
            QuarkusTransaction.requiringNew().run(write);
            return;
        }
        try {
            pending.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("catalog write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the catalog write was committing; it may or may not "
                    + "have committed", e);
        }
    }

    private void commitLoop() {
        List<Write> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    private static void commit(List<Write> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(w -> w.action().run()));
            batch.forEach(w -> w.done().complete(null));
        } catch (RuntimeException batchFailed) {
            if (batch.size() > 1) {
                LOG.debugf(batchFailed, "A group of %d catalog writes failed; committing them one by one", batch.size());
            }
            for (Write w : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(w.action());
                    w.done().complete(null);
                } catch (RuntimeException e) {
                    w.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Commits what is queued, then lets later writes commit on their callers' threads. */
    @PreDestroy
    void close() {
        synchronized (admission) {
            closed = true;
            queue.add(STOP);
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Write(Runnable action, CompletableFuture<Void> done) {
    }
}
