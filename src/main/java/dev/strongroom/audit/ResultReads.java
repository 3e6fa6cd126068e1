package dev.strongroom.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which reads of a long operation's record (a backup run, a compliance report, a restore drill) by
 * its id become audit events (docs/audit-format.md, "Status polls"). A read while the operation runs
 * is a progress poll: the web pages poll every 1.5 s and scripts as often as they like, and the
 * record shows counters and a phase, no document and no result. Those are not recorded. The first
 * read of the finished record by each user is recorded: that is what an auditor asks of such a
 * read (who saw the outcome, when). The same user's later reads of the same finished record are not
 * recorded again until the vault restarts. Reads that are refused or find nothing are the caller's
 * to record, every time.
 */
@ApplicationScoped
public class ResultReads {

    /** Enough for every (user, record) pair of months of runs; the eldest is forgotten first. */
    private static final int REMEMBERED = 20_000;

    private final Map<String, Boolean> recorded = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * True when this read is to be audited: the record is finished and {@code actor} has not had a
     * read of it recorded since the vault started. Counts the read as recorded.
     */
    public boolean toRecord(String actor, String resource, boolean finished) {
        if (!finished) {
            return false;
        }
        synchronized (recorded) {
            return recorded.put(actor + '\n' + resource, Boolean.TRUE) == null;
        }
    }
}
