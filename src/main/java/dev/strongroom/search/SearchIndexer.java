package dev.strongroom.search;

import dev.strongroom.StartupOrder;
import dev.strongroom.VaultIdentity;
import dev.strongroom.catalog.DocumentChanged;
import dev.strongroom.catalog.DocumentTexts;
import dev.strongroom.catalog.IndexableDocument;
import dev.strongroom.catalog.SearchMarks;
import dev.strongroom.catalog.VaultHosts;
import dev.strongroom.catalog.DocumentStored;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Keeps the search index up with the catalog, on its own thread, off the upload path. An upload or a
 * metadata change only marks its document dirty in its own transaction and announces it; this thread
 * takes dirty documents in batches, writes their entries, commits the index, then clears the marks of the
 * documents whose stamp did not change meanwhile. It also looks every {@code poll-every} (changes made
 * by other hosts, or a lost announcement) and removes the entries of documents disposed of.
 * <p>
 * When the index is new (first start, or moved aside as corrupt), every document is marked dirty and
 * the index is built from the catalog, with progress in the log and in {@link #status()}; searches use
 * the catalog's SQL until it is done.
 * <p>
 * Several hosts share the catalog, each with its own index on its own volume, so the marks are this host's
 * ({@link SearchMarks}, by {@link VaultIdentity#hostId()}): it reads and clears only its own, and every change
 * is marked for every host registered as keeping an index ({@link VaultHosts}). A host that registers for the
 * first time (it joins, or ran before marks were per host) marks every document for itself once registered, and
 * again once every transaction that began before its registration has either committed or timed out (the
 * transaction timeout, plus a margin): a change committed by another host meanwhile may have read the hosts
 * without it. The second pass costs a re-index of what the first pass had already indexed, once per host.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class);

    /** What the indexer is doing: building from the catalog (how far), or keeping up. */
    public record Status(boolean enabled, boolean building, long indexed, long dirty) {
    }

    /** Beyond the transaction timeout, before the second marking pass of a host that joined. */
    private static final Duration REMARK_MARGIN = Duration.ofSeconds(10);
    /** Documents whose entries are read in one transaction: few enough for their texts to fit in memory together. */
    private static final int READ_TOGETHER = 20;

    private final SearchConfig config;
    private final SearchIndex index;
    private final VaultIdentity identity;
    private Instant remarkAt;
    private final Object signal = new Object();
    private long announced;
    private long taken;
    private volatile boolean building = true;
    private volatile long indexedThisBuild;
    private volatile Thread thread;
    private volatile boolean stopping;
    private Instant tombstonesSince = Instant.EPOCH;

    public SearchIndexer(SearchConfig config, SearchIndex index, VaultIdentity identity) {
        this.config = config;
        this.index = index;
        this.identity = identity;
    }

    void start(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event) {
        if (!config.enabled()) {
            withdraw();
            return;
        }
        Thread t = new Thread(this::run, "search-indexer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        thread = t;
        t.start();
    }

    void onStored(@Observes DocumentStored stored) {
        announce();
    }

    void onChanged(@Observes DocumentChanged changed) {
        announce();
    }

    private void announce() {
        synchronized (signal) {
            announced++;
            signal.notifyAll();
        }
    }

    /**
     * Waits (up to {@code wait}) until every change made before this call is in the index: those announced on this
     * host, and those another host marked for this one (its uploads and edits announce nothing here), so a search on
     * any host finds what any host answered before it.
     *
     * @return how many dirty documents the index still lacks after the wait (0 when caught up)
     */
    long awaitFresh(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        synchronized (signal) {
            awaitTaken(announced, until);
        }
        long dirty = dirtyCount();
        if (dirty == 0) {
            return 0;
        }
        synchronized (signal) {
            announced++;
            signal.notifyAll();
            awaitTaken(announced, until);
        }
        return dirtyCount();
    }

    /** Called holding {@code signal}. */
    private void awaitTaken(long target, long until) {
        while (taken < target) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                signal.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether the index answers searches (it is not being built from the catalog). */
    boolean ready() {
        return config.enabled() && !building;
    }

    public Status status() {
        return new Status(config.enabled(), config.enabled() && building, indexedThisBuild,
                config.enabled() ? dirtyCount() : 0);
    }

    /** A host without an index: changes are no longer marked for it, and its old marks go. */
    private void withdraw() {
        String host = identity.hostId();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                VaultHosts.register(host, false);
                SearchMarks.forget(host);
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not record host %s as keeping no search index; changes stay marked for it", host);
        }
    }

    private void run() {
        String host = identity.hostId();
        try {
            boolean fresh = index.needsBuild();
            // Registered in a transaction of its own, committed before the marking below reads the documents.
            boolean joined = QuarkusTransaction.requiringNew().call(() -> VaultHosts.register(host, true));
            if (fresh || joined) {
                int marked = QuarkusTransaction.requiringNew().call(() -> SearchMarks.markAll(host));
                if (fresh) {
                    LOG.infof("Building the search index in %s from the catalog: %d documents", index.directory(),
                            marked);
                } else {
                    // The index there is answers meanwhile; it only lacks what other hosts changed.
                    building = false;
                    LOG.infof("Host %s indexes search for the first time on this catalog: re-indexing %d documents",
                            host, marked);
                }
            }
            if (joined) {
                remarkAt = Instant.now().plus(transactionTimeout()).plus(REMARK_MARGIN);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "The search index cannot be opened; searches use the catalog's SQL");
            return;
        }
        while (!stopping) {
            long target;
            synchronized (signal) {
                if (announced == taken && !building && !stopping) {
                    try {
                        signal.wait(config.pollEvery().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                target = announced;
            }
            try {
                remarkOnce(host);
                catchUp(host);
                removeDisposed();
                if (building) {
                    index.built();
                    building = false;
                    LOG.infof("Search index built: %d documents", indexedThisBuild);
                }
                synchronized (signal) {
                    taken = Math.max(taken, target);
                    signal.notifyAll();
                }
            } catch (IOException | RuntimeException e) {
                if (stopping) {
                    return; // the marks stay, the next start takes them
                }
                LOG.warnf(e, "Search indexing failed; the documents stay marked and are indexed at the next try");
                try {
                    Thread.sleep(config.pollEvery().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** The second marking pass of a host that joined, once no transaction older than its registration can commit. */
    private void remarkOnce(String host) {
        if (remarkAt != null && !Instant.now().isBefore(remarkAt)) {
            int marked = QuarkusTransaction.requiringNew().call(() -> SearchMarks.markAll(host));
            remarkAt = null;
            LOG.infof("Search index: every document marked again after host %s joined: %d documents", host, marked);
        }
    }

    private static Duration transactionTimeout() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.transaction-manager.default-transaction-timeout", Duration.class)
                .orElse(Duration.ofSeconds(60));
    }

    /** Indexes every document marked for this host, a batch per commit. */
    private void catchUp(String host) throws IOException {
        while (!stopping) {
            List<SearchMarks.Mark> batch = QuarkusTransaction.requiringNew()
                    .call(() -> SearchMarks.marked(host, config.batch()));
            if (batch.isEmpty()) {
                return;
            }
            // The entries are read a few documents per transaction, not one (a sixth of the indexer's CPU in an
            // upload burst went to beginning and ending transactions), and written to the index outside it, so a
            // slow write never holds a transaction open towards its timeout.
            for (int from = 0; from < batch.size(); from += READ_TOGETHER) {
                List<SearchMarks.Mark> part = batch.subList(from, Math.min(batch.size(), from + READ_TOGETHER));
                Map<String, org.apache.lucene.document.Document> entries = QuarkusTransaction.requiringNew()
                        .call(() -> entries(part));
                for (Map.Entry<String, org.apache.lucene.document.Document> e : entries.entrySet()) {
                    if (e.getValue() == null) {
                        index.remove(List.of(e.getKey()));
                    } else {
                        index.put(e.getKey(), e.getValue());
                    }
                }
            }
            index.commit();
            QuarkusTransaction.requiringNew().run(() -> SearchMarks.clear(host, batch));
            if (building) {
                indexedThisBuild += batch.size();
                LOG.infof("Building the search index: %d documents indexed, %d to go", indexedThisBuild, dirtyCount());
            }
        }
    }

    /** Each marked document's index entry, or null for one that is gone, in the marks' order; three queries in all. */
    private static Map<String, org.apache.lucene.document.Document> entries(List<SearchMarks.Mark> marks) {
        List<String> ids = marks.stream().map(SearchMarks.Mark::id).toList();
        Map<String, IndexableDocument> documents = SearchMarks.indexable(ids);
        Map<String, String> texts = DocumentTexts.of(documents.keySet());
        Map<String, Set<String>> corrected = correctedAmounts(documents.keySet());
        Map<String, org.apache.lucene.document.Document> entries = new LinkedHashMap<>();
        for (String id : ids) {
            IndexableDocument d = documents.get(id);
            entries.put(id, d == null ? null : Entries.of(d, texts.get(id), corrected.getOrDefault(id, Set.of())));
        }
        return entries;
    }

    private static Map<String, Set<String>> correctedAmounts(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                "select document_id, new_value from field_correction where document_id in (:ids) "
                        + "and field in ('total', 'tax')", Object[].class)
                .setParameter("ids", ids).getResultList();
        Map<String, Set<String>> values = new HashMap<>();
        for (Object[] row : rows) {
            values.computeIfAbsent((String) row[0], id -> new HashSet<>()).add(row[1].toString());
        }
        return values;
    }

    private void removeDisposed() throws IOException {
        Instant since = tombstonesSince;
        List<Object[]> gone = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createQuery("select t.documentId, t.disposedAt from Tombstone t where t.disposedAt >= :since",
                        Object[].class)
                .setParameter("since", since).getResultList());
        if (gone.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        Instant newest = since;
        for (Object[] row : gone) {
            ids.add((String) row[0]);
            Instant at = (Instant) row[1];
            newest = at.isAfter(newest) ? at : newest;
        }
        index.remove(ids);
        index.commit();
        tombstonesSince = newest;
    }

    private long dirtyCount() {
        return QuarkusTransaction.requiringNew().call(() -> SearchMarks.markedCount(identity.hostId()));
    }

    /** Stops the indexer before the catalog closes; what it had not committed stays dirty for the next start. */
    void stop(@Observes ShutdownEvent event) {
        Thread t = thread;
        if (t != null) {
            // Not an interrupt: Lucene treats an interrupted write as a failed index writer.
            stopping = true;
            synchronized (signal) {
                signal.notifyAll();
            }
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
