package dev.strongroom.backup;

import dev.strongroom.Stopping;
import dev.strongroom.storage.BackupTarget;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the catalog export would read anything the previous run's did not: the database marks every change to a
 * row the export reads in {@code catalog_change}, in the change's own transaction (triggers, db/vendor/…/V35), and
 * a run forgets the marks its export saw once its manifest is recorded. So a run that sees no mark, in the snapshot
 * it would export from, would write the export the previous run recorded, and refers to that one instead: the cost
 * of a run with nothing new does not grow with the vault.
 * <p>
 * Only while one host backs up the catalog: each host runs its own backups, and one host's run forgetting marks would
 * hide the changes from another's. Once a second host has run a backup, every run exports the catalog whole.
 */
@ApplicationScoped
public class ExportChanges {

    private final BackupTarget target;

    public ExportChanges(BackupTarget target) {
        this.target = target;
    }

    /** Marks deleted in one statement, so that a run after a large burst does not hold one long delete. */
    private static final int FORGET_SLICE = 1_000;

    /** The marks one export saw, as runs of consecutive ids; none when nothing changed. */
    public record Seen(List<long[]> ranges) {

        static final Seen NONE = new Seen(List.of());

        public boolean none() {
            return ranges.isEmpty();
        }

        public long marks() {
            return ranges.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
        }
    }

    /**
     * The marks visible to the transaction in progress, which must be the export's snapshot: a mark committed after it
     * stays unseen, and stays for the next run.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Seen seen() {
        List<long[]> ranges = new ArrayList<>();
        long[] open = null;
        try (var ids = em().createNativeQuery("select id from catalog_change order by id", Long.class)
                .getResultStream()) {
            for (Object o : (Iterable<?>) ids::iterator) {
                long id = ((Number) o).longValue();
                if (open != null && id == open[1] + 1) {
                    open[1] = id;
                } else {
                    open = new long[] { id, id };
                    ranges.add(open);
                }
            }
        }
        return ranges.isEmpty() ? Seen.NONE : new Seen(List.copyOf(ranges));
    }

    /**
     * Whether another host has ever run a backup against this catalog, read in the transaction in progress: its runs
     * forget marks too. A host's run is recorded before its export reads anything, so a run that does not see it
     * here took its snapshot before that host could forget a mark. Answered from the ends of an index.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean anotherHostBacksUp(String hostId) {
        Object[] ends = (Object[]) em().createNativeQuery("select min(host_id), max(host_id) from backup_run")
                .getSingleResult();
        return ends[0] != null && !ends[0].equals(hostId) || ends[1] != null && !ends[1].equals(hostId);
    }

    /**
     * Deletes the marks an export saw, once the manifest that refers to it is recorded: before, a run cut off would
     * leave the next one believing an export that never got a manifest. Marks added meanwhile, even with lower ids
     * committed later, were not seen and stay.
     */
    public void forget(Seen seen) {
        List<long[]> slice = new ArrayList<>();
        long inSlice = 0;
        for (long[] range : seen.ranges()) {
            for (long from = range[0]; from <= range[1]; from += FORGET_SLICE) {
                long to = Math.min(range[1], from + FORGET_SLICE - 1);
                slice.add(new long[] { from, to });
                inSlice += to - from + 1;
                if (inSlice >= FORGET_SLICE) {
                    delete(slice);
                    slice.clear();
                    inSlice = 0;
                }
            }
        }
        if (!slice.isEmpty()) {
            delete(slice);
        }
    }

    /**
     * Where no run forgets marks (backups are not configured) they would pile up for ever, one or more per change.
     * One mark says as much as any number: a run that sees it exports the catalog whole. So the marks are replaced by
     * one, hourly; a run in progress forgets only the marks it saw, and the one left makes the next run export.
     */
    @Scheduled(every = "1h", delayed = "{strongroom.startup.background-delay}", identity = "export-changes-collapse",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Stopping.Skip.class)
    void collapseWhileNoRunForgets() {
        if (!target.configured()) {
            collapse();
        }
    }

    /** Replaces every mark committed so far by one. */
    void collapse() {
        QuarkusTransaction.requiringNew().run(() -> {
            em().createNativeQuery("delete from catalog_change").executeUpdate();
            em().createNativeQuery("insert into catalog_change (table_name) values ('collapsed')").executeUpdate();
        });
    }

    private void delete(List<long[]> ranges) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (long[] r : ranges) {
                em().createNativeQuery("delete from catalog_change where id between ?1 and ?2")
                        .setParameter(1, r[0]).setParameter(2, r[1]).executeUpdate();
            }
        });
    }

    private static EntityManager em() {
        return BackupRun.getEntityManager();
    }
}
