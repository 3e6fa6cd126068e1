package dev.strongroom.audit.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.strongroom.Stopping;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.JournalEntry;
import dev.strongroom.audit.JournalTail;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.SealedGap;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;

/**
 * Compares what CloudWatch Logs holds with the journal for a time range: every journal event of the
 * range that was shipped must be in the stream once (re-sent copies are counted, not faulted), byte
 * for byte, in sequence order, and the stream must hold nothing else under those numbers. The
 * journal, fsynced on the vault's own volume, is the reference; CloudWatch is read with
 * GetLogEvents. Every finding is reported, not only the first; the result is audited
 * ({@code audit.cloudwatch.check}) and kept for the compliance report.
 * <p>
 * The check compares per stream epoch ({@link StreamEpoch}): the stream shipped to now, and each
 * stream of an earlier epoch (before a restore) up to the last event it holds. A difference is
 * worded "CloudWatch and the journal differ at seq N" and says which side the signed digests vouch
 * for ({@link SignedCopyWitness}), so a changed journal is not blamed on CloudWatch, nor the reverse.
 */
@ApplicationScoped
public class ConsistencyCheck {

    private static final Logger LOG = Logger.getLogger(ConsistencyCheck.class);
    static final int LISTED = 200;
    private static final java.time.Duration STAMP_SLACK = java.time.Duration.ofDays(1);

    private final AuditShipping shipping;
    private final AuditJournal journal;
    private final Auditor auditor;
    private final CloudWatchAuditConfig config;
    private final CloudWatchLogsClient logs;
    private final Instance<SignedCopyWitness> witnesses;

    public ConsistencyCheck(AuditShipping shipping, AuditJournal journal, Auditor auditor, CloudWatchAuditConfig config,
            CloudWatchLogsClient logs, Instance<SignedCopyWitness> witnesses) {
        this.shipping = shipping;
        this.journal = journal;
        this.auditor = auditor;
        this.config = config;
        this.logs = logs;
        this.witnesses = witnesses;
    }

    @Scheduled(cron = "{strongroom.audit.cloudwatch.check-cron}", identity = "audit-cloudwatch-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        Instant now = Instant.now();
        ConsistencyReport report;
        try {
            report = run(now.minus(config.checkWindow()), now, "schedule", "system");
        } catch (CloudWatchUnavailable e) {
            LOG.errorf("The scheduled CloudWatch-vs-journal check could not run: %s", e.getMessage());
            return;
        }
        if (!report.ok()) {
            LOG.errorf("CloudWatch-vs-journal check %s found %d difference(s) in %s: %s", report.id(),
                    report.findingCount(), report.stream(), report.findings().get(0).message());
        }
    }

    /**
     * Compares the events whose time is in [from, to).
     *
     * @throws CloudWatchUnavailable when CloudWatch cannot be read (audited as a check that failed)
     */
    public ConsistencyReport run(Instant from, Instant to, String trigger, String actor) {
        try {
            return compare(from, to, trigger, actor);
        } catch (SdkException e) {
            auditor.record(AuditLogAction.CLOUDWATCH_CHECK, "audit/cloudwatch/" + shipping.stream().stream(), Outcome.FAILURE,
                    Map.of("from", from.toString(), "to", to.toString(), "error", "CloudWatch Logs could not be read: "
                            + e.getMessage()));
            throw new CloudWatchUnavailable("CloudWatch Logs could not be read, so the check could not run: "
                    + e.getMessage(), e);
        }
    }

    private ConsistencyReport compare(Instant from, Instant to, String trigger, String actor) {
        AuditLogStream stream = shipping.stream();
        long shipped = shipping.shippedSeq();
        Optional<long[]> bounds = seqBounds(auditor.host(), from, to);
        List<CheckFinding> findings = new ArrayList<>();
        long first = bounds.map(b -> b[0]).orElse(0L);
        long last = bounds.map(b -> Math.min(b[1], shipped)).orElse(0L);
        long notYetShipped = bounds.map(b -> Math.max(0, b[1] - Math.max(b[0] - 1, shipped))).orElse(0L);
        long journalEvents = 0;
        long cloudWatchEvents = 0;
        long duplicates = 0;
        if (bounds.isPresent() && last >= first) {
            StreamCopies copies = readStream(stream, from, to, first, last, findings);
            duplicates = copies.duplicates;
            cloudWatchEvents = copies.bySeq.size();
            journalEvents = compareWithJournal(copies, first, last, "", findings);
        }
        if (bounds.isPresent()) {
            for (AuditLogStream earlier : earlierEpochs(stream)) {
                List<CheckFinding> found = new ArrayList<>();
                StreamCopies copies = readStream(earlier, from, to, first, bounds.get()[1], found);
                if (copies.bySeq.isEmpty()) {
                    continue;
                }
                long holds = copies.bySeq.keySet().stream().max(Long::compare).orElse(first);
                duplicates += copies.duplicates;
                compareWithJournal(copies, first, holds, " (stream " + earlier.stream() + ", an earlier epoch)", found);
                findings.addAll(found);
            }
        }
        if (notYetShipped > 0 && (!config.enabled() || shipping.lagSeconds() > config.maxLag().toSeconds())) {
            long firstUnshipped = bounds.map(b -> Math.max(b[0], shipped + 1)).orElse(0L);
            findings.add(new CheckFinding("not-shipped", firstUnshipped, bounds.map(b -> b[1]).orElse(0L), notYetShipped
                    + " event(s) of the range are not in CloudWatch because shipping is "
                    + (config.enabled() ? "behind by " + shipping.lagSeconds() + " s" : "off")));
        }
        findings.sort((a, b) -> Long.compare(a.fromSeq(), b.fromSeq()));
        ConsistencyReport report = new ConsistencyReport(UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), from.toString(), to.toString(), stream.group(),
                stream.stream(), bounds.isPresent() ? first : null, bounds.isPresent() ? last : null, journalEvents,
                cloudWatchEvents, duplicates, notYetShipped, findings.isEmpty(), findings.size(),
                List.copyOf(findings.subList(0, Math.min(LISTED, findings.size()))));
        record(report, trigger, actor);
        return report;
    }

    /** The streams of this vault's earlier epochs: kept as they were at the restore that ended them. */
    private List<AuditLogStream> earlierEpochs(AuditLogStream current) {
        String base = StreamName.of(config);
        List<AuditLogStream> earlier = new ArrayList<>();
        for (LogStream s : logs.describeLogStreamsPaginator(b -> b.logGroupName(config.logGroup())
                .logStreamNamePrefix(base)).logStreams()) {
            if (StreamEpoch.ofBase(base, s.logStreamName()) && !s.logStreamName().equals(current.stream())) {
                earlier.add(new AuditLogStream(logs, logs, config.logGroup(), s.logStreamName()));
            }
        }
        return earlier;
    }

    /** The first and last event of this host's journal with a time in [from, to), from the index. */
    private static Optional<long[]> seqBounds(String host, Instant from, Instant to) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.getEntityManager()
                .createQuery("select min(e.seq), max(e.seq) from IndexedEvent e where e.hostId = :host and "
                        + "e.eventTime >= :from and e.eventTime < :to", Object[].class)
                .setParameter("host", host).setParameter("from", from).setParameter("to", to).getSingleResult());
        if (row[0] == null) {
            return Optional.empty();
        }
        return Optional.of(new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() });
    }

    /** One event as CloudWatch holds it: its line, the line's SHA-256 and whether it matches its own hash. */
    private record Copy(String line, String lineSha256, boolean selfConsistent) {
    }

    private static final class StreamCopies {
        final Map<Long, Copy> bySeq = new HashMap<>();
        /** A second, different event the stream holds under a number. */
        final Map<Long, String> conflicting = new HashMap<>();
        long duplicates;
    }

    private static StreamCopies readStream(AuditLogStream stream, Instant from, Instant to, long first, long last,
            List<CheckFinding> findings) {
        StreamCopies copies = new StreamCopies();
        long[] newest = { 0 };
        // Stamps are never earlier than an event's own time, so the range's events are all at or after
        // 'from'; they run ahead of it only after clock steps or long outages, so a day past 'to' ends it.
        long stopAt = to.plus(STAMP_SLACK).toEpochMilli();
        StreamEvents.Leftovers left = StreamEvents.read(stream, from.toEpochMilli(), event -> {
            if (event.stamp() > stopAt) {
                return false;
            }
            if (event.seq() < first || event.seq() > last) {
                return true;
            }
            String sha = sha256(event.line());
            Copy prior = copies.bySeq.get(event.seq());
            if (prior != null) {
                if (prior.lineSha256().equals(sha)) {
                    copies.duplicates++;
                } else {
                    copies.conflicting.putIfAbsent(event.seq(), event.line());
                }
                return true;
            }
            if (event.seq() < newest[0]) {
                findings.add(new CheckFinding("out-of-order", event.seq(), event.seq(), "event " + event.seq()
                        + " comes after event " + newest[0] + " in the stream"));
            }
            newest[0] = Math.max(newest[0], event.seq());
            String claimed = EventLine.claimedHash(event.line());
            copies.bySeq.put(event.seq(), new Copy(event.line(), sha, claimed != null
                    && claimed.equals(EventLine.computedHash(event.line()))));
            return true;
        });
        if (left == null) {
            findings.add(new CheckFinding("missing", first, last, "the log stream " + stream.stream() + " does not exist: "
                    + "events " + first + " to " + last + " are not in CloudWatch"));
            copies.bySeq.clear();
            return copies;
        }
        left.incomplete().stream().filter(seq -> seq >= first && seq <= last && !copies.bySeq.containsKey(seq))
                .forEach(seq -> findings.add(new CheckFinding("incomplete", seq, seq, "CloudWatch holds only some "
                        + "parts of oversized event " + seq)));
        if (left.unrecognised() > 0) {
            findings.add(new CheckFinding("unrecognised", first, last, left.unrecognised() + " message(s) in the stream "
                    + "are no journal event"));
        }
        return copies;
    }

    /**
     * Walks the journal's events first..last against the copies; returns how many it compared.
     *
     * @param where said after the sequence number in every finding (which stream, for an earlier epoch)
     */
    private long compareWithJournal(StreamCopies copies, long first, long last, String where,
            List<CheckFinding> findings) {
        long compared = 0;
        long missingFrom = -1;
        List<SealedGap> gaps = new ArrayList<>();
        try (JournalTail tail = new JournalTail(journal.segments(), journal::durableSeq)) {
            tail.seekAfter(first - 1);
            for (JournalEntry entry = tail.next(); entry != null && entry.seq() <= last; entry = tail.next()) {
                compared++;
                Optional.ofNullable(SealedGap.of(entry.event())).ifPresent(gaps::add);
                Copy copy = copies.bySeq.remove(entry.seq());
                String other = copies.conflicting.remove(entry.seq());
                if (copy == null) {
                    if (missingFrom < 0) {
                        missingFrom = entry.seq();
                    }
                    continue;
                }
                if (missingFrom >= 0) {
                    findings.add(missing(missingFrom, entry.seq() - 1, where));
                    missingFrom = -1;
                }
                if (!copy.lineSha256().equals(sha256(entry.line()))) {
                    findings.add(differ("changed", entry.seq(), where, "CloudWatch holds it differently (its copy "
                            + (copy.selfConsistent() ? "was re-hashed after the change" : "does not match its own hash")
                            + ")", entry.line(), copy.line()));
                } else if (other != null) {
                    findings.add(differ("conflict", entry.seq(), where, "the stream holds a second, different event "
                            + "under that number besides the journal's", entry.line(), other));
                }
            }
            if (missingFrom >= 0) {
                findings.add(missing(missingFrom, last, where));
            }
        }
        TreeSet<Long> extra = new TreeSet<>(copies.bySeq.keySet());
        for (Long seq : extra) {
            boolean sealed = gaps.stream().anyMatch(g -> seq >= g.fromSeq() && seq <= g.toSeq());
            if (!sealed) {
                findings.add(differ("extra", seq, where, "CloudWatch holds an event the journal does not have", null,
                        copies.bySeq.get(seq).line()));
            }
        }
        return compared;
    }

    private CheckFinding differ(String kind, long seq, String where, String what, String journalLine,
            String cloudWatchLine) {
        String witness = witnesses.isResolvable() ? "; " + witnesses.get().vouchesFor(seq, journalLine, cloudWatchLine)
                : "";
        return new CheckFinding(kind, seq, seq, "CloudWatch and the journal differ at seq " + seq + where + ": " + what
                + witness);
    }

    private static CheckFinding missing(long from, long to, String where) {
        return new CheckFinding("missing", from, to, (from == to ? "event " + from + " is missing from CloudWatch"
                : "events " + from + " to " + to + " are missing from CloudWatch (" + (to - from + 1) + " events)")
                + where);
    }

    private void record(ConsistencyReport report, String trigger, String actor) {
        String findingsJson;
        try {
            List<CheckFinding> listed = new ArrayList<>(report.findings());
            String json = EventParts.JSON.writeValueAsString(listed);
            while (json.length() > 16_000 && !listed.isEmpty()) {
                listed.remove(listed.size() - 1);
                json = EventParts.JSON.writeValueAsString(listed);
            }
            findingsJson = json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ConsistencyCheckRun run = new ConsistencyCheckRun();
            run.id = report.id();
            run.checkedAt = Instant.parse(report.checkedAt());
            run.trigger = trigger;
            run.triggeredBy = actor;
            run.rangeFrom = Instant.parse(report.from());
            run.rangeTo = Instant.parse(report.to());
            run.logGroup = report.logGroup();
            run.logStream = report.stream();
            run.firstSeq = report.firstSeq();
            run.lastSeq = report.lastSeq();
            run.journalEvents = report.journalEvents();
            run.cloudWatchEvents = report.cloudWatchEvents();
            run.duplicates = report.duplicates();
            run.notYetShipped = report.notYetShipped();
            run.ok = report.ok();
            run.findingCount = report.findingCount();
            run.findings = findingsJson;
            run.persist();
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("check", report.id());
        detail.put("from", report.from());
        detail.put("to", report.to());
        detail.put("stream", report.stream());
        detail.put("journalEvents", report.journalEvents());
        detail.put("cloudWatchEvents", report.cloudWatchEvents());
        detail.put("duplicates", report.duplicates());
        detail.put("notYetShipped", report.notYetShipped());
        detail.put("findings", report.findingCount());
        if (!report.ok()) {
            detail.put("firstFinding", report.findings().get(0).message());
        }
        auditor.record(AuditLogAction.CLOUDWATCH_CHECK, "audit/cloudwatch/" + report.stream(),
                report.ok() ? Outcome.SUCCESS : Outcome.FAILURE, detail);
    }

    /** The newest checks, newest first, for ops and the compliance report. */
    public List<ConsistencyReport> recent(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ConsistencyCheckRun.<ConsistencyCheckRun>find(
                "order by checkedAt desc").page(0, limit).list()).stream().map(ConsistencyCheck::view).toList();
    }

    private static ConsistencyReport view(ConsistencyCheckRun run) {
        List<CheckFinding> findings;
        try {
            findings = run.findings == null ? List.of()
                    : List.of(EventParts.JSON.readValue(run.findings, CheckFinding[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings of check " + run.id + " are unreadable", e);
        }
        return new ConsistencyReport(run.id, run.checkedAt.toString(), run.rangeFrom.toString(), run.rangeTo.toString(),
                run.logGroup, run.logStream, run.firstSeq, run.lastSeq, run.journalEvents, run.cloudWatchEvents,
                run.duplicates, run.notYetShipped, run.ok, run.findingCount, findings);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
