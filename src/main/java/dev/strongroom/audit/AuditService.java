package dev.strongroom.audit;

import dev.strongroom.StartupOrder;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.signing.SigningKeySource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final JournalVerifier verifier;
    private final JournalIntegrity integrity;
    private final JournalConfig config;
    private final SigningKeySource vaultKey;
    private final NewestDigest newestDigest;

    public AuditService(AuditJournal journal, AuditIndex index, AuditExporter exporter, Auditor auditor,
            JournalVerifier verifier, JournalIntegrity integrity, JournalConfig config, SigningKeySource vaultKey,
            NewestDigest newestDigest) {
        this.journal = journal;
        this.index = index;
        this.exporter = exporter;
        this.auditor = auditor;
        this.verifier = verifier;
        this.integrity = integrity;
        this.config = config;
        this.vaultKey = vaultKey;
        this.newestDigest = newestDigest;
    }

    /** Runs before anything else reads the index (lower priority runs first). */
    void catchUpAtStart(@Observes @Priority(StartupOrder.JOURNAL_CATCH_UP) StartupEvent event) {
        index.adoptRowsFromBeforeHosts(journal.segments());
        long added = index.catchUp(journal.segments());
        if (added > 0) {
            LOG.infof("Audit index caught up with %d journal events written before the last stop", added);
        }
    }

    public AuditPage query(AuditFilter filter, int page, int size) {
        // Every host's events: the vault's trail, not one chain.
        AuditFilter.Query q = filter.toQuery();
        AuditPage result = QuarkusTransaction.requiringNew().call(() -> {
            var query = IndexedEvent.<IndexedEvent>find(q.where() + " order by eventTime desc, hostId desc, seq desc",
                    q.params());
            List<TrailEvent> items = query.page(page, size).list().stream()
                    .map(row -> TrailEvent.of(row.host(), parse(row))).toList();
            return new AuditPage(items, page, size, query.count());
        });
        auditor.record(AuditLogAction.SEARCH, "audit", Outcome.SUCCESS, filter.describe());
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
                    .setParameter("action", action).setParameter("outcome", Outcome.SUCCESS.value()).getResultList()
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
    public PreparedExport prepareExport(ExportFormat format, AuditFilter filter) throws IOException {
        // An export is a signed statement: without the key (503 signing-key-missing) none is made or recorded.
        SigningKey key = vaultKey.current();
        Map<String, String> detail = new LinkedHashMap<>(filter.describe());
        detail.put("format", format.extension);
        auditor.record(AuditLogAction.EXPORT, "audit", Outcome.SUCCESS, detail);
        ChainHead head = auditor.indexedHead();
        String host = index.host();
        long count = exporter.count(host, filter, head.seq());
        ChainHead anchor = filter.contiguous() ? anchorFor(host, filter, head.seq()) : null;
        AuditExporter.LinesManifest lines = exporter.manifest(host, filter, head.seq());
        ExportHeader header = new ExportHeader(1, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                filter.describe(), filter.contiguous(), anchor, count, head)
                .fromHost(host)
                .withManifest(lines.firstSeq(), lines.lastSeq(), lines.sha256(), newestDigest.newest().orElse(null))
                .signedWith(key);
        return new PreparedExport(format, header, filter);
    }

    public void write(PreparedExport export, OutputStream out) throws IOException {
        exporter.write(export.format(), export.header(), export.filter(), out);
        LOG.infof("Audit export finished: %d events as %s", export.header().eventCount(), export.format().extension);
    }

    /** The event just before the first one the filter selects: the point the exported chain hangs from. */
    private ChainHead anchorFor(String host, AuditFilter filter, long upToSeq) {
        AuditFilter.Query q = filter.toQuery(host, 0, upToSeq);
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = IndexedEvent.getEntityManager()
                    .createQuery("select min(seq) from IndexedEvent where " + q.where(), Long.class);
            q.params().map().forEach(query::setParameter);
            Long first = query.getSingleResult();
            if (first == null || first <= 1) {
                return new ChainHead(0, AuditEvent.GENESIS_HASH);
            }
            IndexedEvent before = IndexedEvent.findById(new IndexedEvent.Key(host, first - 1));
            return before == null ? null : new ChainHead(before.seq, EventLine.claimedHash(before.line));
        });
    }

    /**
     * Verifies the journal files, the source of truth, and every index row of the range against its
     * line: from the signed checkpoint ({@code INCREMENTAL}, cheap enough to ask often) or from the
     * first event ({@code FULL}, as the compliance report and the check after each start do). What
     * it finds stands in {@link JournalIntegrity} (health) until a verification of the same range
     * finds it gone.
     */
    public AuditVerification verify(JournalVerifier.Scope scope) {
        AuditVerification result = verifyQuietly(scope);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("scope", result.scope());
        detail.put("fromSeq", result.fromSeq());
        detail.put("toSeq", result.toSeq());
        detail.put("eventCount", result.eventCount());
        detail.put("indexRowsChecked", result.indexRowsChecked());
        detail.put("findings", result.findingCount());
        detail.put("firstBrokenSeq", result.firstBrokenSeq() == null ? "none" : result.firstBrokenSeq());
        auditor.record(AuditLogAction.VERIFY, "audit", result.ok() ? Outcome.SUCCESS : Outcome.FAILURE, detail);
        return result;
    }

    private AuditVerification verifyQuietly(JournalVerifier.Scope scope) {
        ChainHead head = journal.head();
        JournalVerifier.Verification[] run = new JournalVerifier.Verification[1];
        IndexRowCheck[] rows = new IndexRowCheck[1];
        // The index check needs the range's first seq, known only once the checkpoint is read: it starts
        // with the first line the verifier passes on.
        run[0] = verifier.verify(scope, head.seq(), line -> {
            if (rows[0] == null) {
                long seq = JournalSegments.seqOf(line);
                rows[0] = new IndexRowCheck(this.index.host(), seq > 0 ? seq : 1);
            }
            rows[0].accept(line);
        });
        JournalVerifier.Verification v = run[0];
        IndexRowCheck index = rows[0] == null ? new IndexRowCheck(this.index.host(), v.fromSeq()) : rows[0];
        index.finish(v.toSeq(), v.chain().sealedGaps(), () -> this.index.catchUp(journal.segments()));
        List<ChainVerifier.Finding> findings = new ArrayList<>(v.chain().findings());
        findings.addAll(index.findings());
        int total = v.chain().findings().size() + index.total();
        boolean ok = total == 0;
        if (v.chain().ok()) {
            verifier.advance(v);
        }
        long from = v.fromSeq();
        long to = v.toSeq();
        integrity.clear(f -> (f.kind() == IntegrityFinding.Kind.CHAIN_BROKEN
                || f.kind() == IntegrityFinding.Kind.INDEX_DISAGREES) && f.seq() >= from && f.seq() <= Math.max(to, from));
        v.chain().findings().stream().limit(20).forEach(f -> integrity.report(IntegrityFinding.Kind.CHAIN_BROKEN,
                f.seq(), f.message()));
        index.findings().stream().limit(20).forEach(f -> integrity.report(IntegrityFinding.Kind.INDEX_DISAGREES,
                f.seq(), f.message()));
        Long firstBroken = findings.stream().map(ChainVerifier.Finding::seq).min(Long::compare).orElse(null);
        VerifiedCheckpoint resumed = v.resumedFrom();
        return new AuditVerification(ok, v.events(), v.chain().head() == null && resumed != null
                ? new ChainHead(resumed.seq(), resumed.hash()) : v.chain().head(), firstBroken, List.copyOf(findings),
                total, v.chain().sealedGaps(), v.scope().name().toLowerCase(), from, to, v.at().toString(),
                resumed == null ? 0 : resumed.seq(), resumed == null ? null : resumed.verifiedAt(), v.note(),
                index.rowsChecked());
    }

    /** A full verification in the background after each start: the start itself read only what follows the checkpoint. */
    void verifyAfterStart(@Observes @Priority(StartupOrder.JOURNAL_VERIFICATION) StartupEvent event) {
        if (!config.fullVerifyAfterStart()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                AuditVerification result = verify(JournalVerifier.Scope.FULL);
                LOG.infof("Audit journal fully verified after start: events %d to %d, %d index row(s), %s",
                        result.fromSeq(), result.toSeq(), result.indexRowsChecked(), result.ok() ? "intact"
                                : result.findingCount() + " finding(s), first: " + result.findings().get(0).message());
            } catch (RuntimeException e) {
                LOG.warnf("The full audit verification after start did not finish: %s", e.toString());
            }
        }, "audit-verify-after-start");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Writes an unfiltered NDJSON export straight from the journal files (not the index), for checks
     * that must read the truth, such as the compliance report's digest check.
     */
    public void writeJournalExport(OutputStream out) throws IOException {
        ChainHead head = journal.head();
        long[] count = { 0 };
        journal.segments().forEachLine(0, line -> {
            long seq = JournalSegments.seqOf(line);
            if (seq < 0 || seq <= head.seq()) {
                count[0]++;
            }
        });
        ExportHeader header = new ExportHeader(1, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), Map.of(),
                true, new ChainHead(0, AuditEvent.GENESIS_HASH), count[0], head).fromHost(index.host());
        try {
            exporter.write(ExportFormat.NDJSON, header, sink -> journal.segments().forEachLine(0, line -> {
                long seq = JournalSegments.seqOf(line);
                if (seq < 0 || seq <= head.seq()) {
                    try {
                        sink.accept(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }), out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static AuditEvent parse(IndexedEvent row) {
        try {
            return EventLine.parse(row.line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed audit line " + row.seq + " of host " + row.hostId
                    + " is unreadable", e);
        }
    }

    /** An export whose header is fixed and which is ready to stream. */
    public record PreparedExport(ExportFormat format, ExportHeader header, AuditFilter filter) {
    }
}
