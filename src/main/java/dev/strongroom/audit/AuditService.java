package dev.strongroom.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Queries, exports and verifies the audit trail for auditors. */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final AuditJournal journal;
    private final AuditIndex index;
    private final AuditExporter exporter;
    private final Auditor auditor;

    public AuditService(AuditJournal journal, AuditIndex index, AuditExporter exporter, Auditor auditor) {
        this.journal = journal;
        this.index = index;
        this.exporter = exporter;
        this.auditor = auditor;
    }

    /** Runs before anything else reads the index (lower priority runs first). */
    void catchUpAtStart(@Observes @Priority(10) StartupEvent event) {
        long added = index.catchUp(journal.segments());
        if (added > 0) {
            LOG.infof("Audit index caught up with %d journal events written before the last stop", added);
        }
    }

    public AuditPage query(AuditFilter filter, int page, int size) {
        AuditFilter.Query q = filter.toQuery(0, Long.MAX_VALUE);
        AuditPage result = QuarkusTransaction.requiringNew().call(() -> {
            var query = IndexedEvent.<IndexedEvent>find(q.where() + " order by seq desc", q.params());
            List<AuditEvent> items = query.page(page, size).list().stream().map(AuditService::parse).toList();
            return new AuditPage(items, page, size, query.count());
        });
        auditor.record("audit.search", "audit", Auditor.SUCCESS, filter.describe());
        return result;
    }

    /**
     * When each actor last did {@code action} successfully (their last sign-in, for
     * {@code login.success}), from the index; actors who never did are absent. Not audited itself: it
     * is read for a page whose own reading is.
     */
    public Map<String, Instant> lastSuccess(String action) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Instant> last = new LinkedHashMap<>();
            IndexedEvent.getEntityManager()
                    .createQuery("select e.actor, max(e.eventTime) from IndexedEvent e where e.action = :action "
                            + "and e.outcome = :outcome group by e.actor", Object[].class)
                    .setParameter("action", action).setParameter("outcome", Auditor.SUCCESS).getResultList()
                    .forEach(row -> last.put((String) row[0], (Instant) row[1]));
            return last;
        });
    }

    /**
     * Records the export first, so that the export's own event is inside what it exports, then fixes
     * the chain head the export commits to, once every event up to it is indexed (a concurrent
     * upload's event may be journaled but not yet indexed): the header's count and the streamed
     * body are then read from the same events.
     */
    public PreparedExport prepareExport(ExportFormat format, AuditFilter filter) {
        Map<String, String> detail = new LinkedHashMap<>(filter.describe());
        detail.put("format", format.extension);
        auditor.record("audit.export", "audit", Auditor.SUCCESS, detail);
        ChainHead head = auditor.indexedHead();
        long count = exporter.count(filter, head.seq());
        ChainHead anchor = filter.contiguous() ? anchorFor(filter, head.seq()) : null;
        ExportHeader header = new ExportHeader(1, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                filter.describe(), filter.contiguous(), anchor, count, head);
        return new PreparedExport(format, header, filter);
    }

    public void write(PreparedExport export, OutputStream out) throws IOException {
        exporter.write(export.format(), export.header(), export.filter(), out);
        LOG.infof("Audit export finished: %d events as %s", export.header().eventCount(), export.format().extension);
    }

    /** The event just before the first one the filter selects: the point the exported chain hangs from. */
    private ChainHead anchorFor(AuditFilter filter, long upToSeq) {
        AuditFilter.Query q = filter.toQuery(0, upToSeq);
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = IndexedEvent.getEntityManager()
                    .createQuery("select min(seq) from IndexedEvent where " + q.where(), Long.class);
            q.params().map().forEach(query::setParameter);
            Long first = query.getSingleResult();
            if (first == null || first <= 1) {
                return new ChainHead(0, AuditEvent.GENESIS_HASH);
            }
            IndexedEvent before = IndexedEvent.findById(first - 1);
            return before == null ? null : new ChainHead(before.seq, EventLine.claimedHash(before.line));
        });
    }

    /** Re-reads the whole journal from disk, the source of truth, not the index. */
    public VerificationResult verify() {
        long limit = journal.head().seq();
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        journal.segments().forEachLine(0, line -> {
            // Lines past the head captured above may still be being written by a concurrent append.
            if (verifier.lastSeq() < limit) {
                verifier.accept(line);
            }
        });
        VerificationResult result = verifier.result();
        auditor.record("audit.verify", "audit", result.ok() ? Auditor.SUCCESS : Auditor.FAILURE,
                Map.of("eventCount", result.eventCount(), "firstBrokenSeq",
                        result.firstBrokenSeq() == null ? "none" : result.firstBrokenSeq()));
        return result;
    }

    private static AuditEvent parse(IndexedEvent row) {
        try {
            return EventLine.parse(row.line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed audit line " + row.seq + " is unreadable", e);
        }
    }

    /** An export whose header is fixed and which is ready to stream. */
    public record PreparedExport(ExportFormat format, ExportHeader header, AuditFilter filter) {
    }
}
