package dev.strongroom.compliance;

import dev.strongroom.StartupOrder;
import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobProgress;
import dev.strongroom.jobs.JobRunner;
import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.WorkFolders;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes compliance reports, one at a time: daily for the day before (strongroom.compliance.report-cron)
 * and on demand for a chosen period. Progress is kept in memory while a report runs and logged;
 * the result, its files' SHA-256 and where they went are persisted and audited.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ReportBuilder builder;
    private final ReportFiles files;
    private final Auditor auditor;
    private final JobRunner runner;
    private final Path workRoot;

    public ReportService(ReportBuilder builder, ReportFiles files, Auditor auditor, ReportRecords records,
            JobRunner runner) {
        this.builder = builder;
        this.files = files;
        this.auditor = auditor;
        this.runner = runner;
        this.workRoot = records.workRoot();
    }

    private static final String SCHEDULE = "schedule";

    /** The day before, in UTC. */
    @Scheduled(cron = "{strongroom.compliance.report-cron}", identity = "compliance-report",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            startScheduled(today.minus(1, ChronoUnit.DAYS), today);
        } catch (ProblemException e) {
            // Another host making it is how a vault of several hosts makes one report a day, not a fault.
            LOG.logf(e.type() == ProblemType.HELD_BY_ANOTHER_HOST ? Logger.Level.INFO : Logger.Level.WARN,
                    "The daily compliance report did not start here: %s", e.getMessage());
        }
    }

    /**
     * The daily report, unless a host of the vault already made the day's: every host's schedule fires, the lease lets
     * one in at a time, and the one let in looks for the day's report under the lease, so a host whose schedule fires
     * after another host's report has ended does not make it twice.
     */
    synchronized void startScheduled(Instant from, Instant to) {
        runner.refuseStart(ReportRecords.KIND);
        Optional<ReportRecord> made = QuarkusTransaction.requiringNew().call(() -> ReportRecord.<ReportRecord>find(
                "trigger = ?1 and periodFrom = ?2 and periodTo = ?3 and state in ?4", SCHEDULE, from, to,
                List.of(JobState.RUNNING, JobState.SUCCEEDED)).firstResultOptional());
        if (made.isPresent()) {
            runner.abandonStart(ReportRecords.KIND);
            LOG.infof("The daily compliance report for %s to %s is made already (%s, on host %s)", from, to,
                    made.get().id, made.get().hostId);
            return;
        }
        startLeased(SCHEDULE, Actor.SYSTEM, from, to);
    }

    /** Starts a report for [from, to) in the background; 409 while another is being made. */
    public synchronized ReportView start(String trigger, Actor actor, Instant from, Instant to) {
        runner.refuseStart(ReportRecords.KIND);
        return startLeased(trigger, actor, from, to);
    }

    private ReportView startLeased(String trigger, Actor actor, Instant from, Instant to) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReportRecord record = new ReportRecord();
        record.id = "report-" + ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        record.trigger = trigger;
        record.triggeredBy = actor.name();
        record.state = JobState.RUNNING;
        record.startedAt = now;
        record.periodFrom = from;
        record.periodTo = to;
        record.hostId = runner.hostId();
        QuarkusTransaction.requiringNew().run(record::persist);
        auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.REPORT_START, "compliance/report/" + record.id,
                Outcome.SUCCESS, Map.of("trigger", trigger, "from", from.toString(), "to", to.toString()));
        LOG.infof("Compliance report %s started (%s, by %s) for %s to %s", record.id, trigger, actor.name(), from, to);
        Live live = runner.launch(ReportRecords.KIND, new Live(record.id, now),
                l -> execute(record.id, trigger, actor, from, to, l));
        return ReportView.of(record, live.phase(), live.percent());
    }

    public Optional<ReportView> find(String id) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> ReportRecord.<ReportRecord>findById(id)))
                .map(this::view);
    }

    public List<ReportView> recent(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> ReportRecord.<ReportRecord>findAll(
                Sort.descending("startedAt")).page(page, size).list()).stream().map(this::view).toList();
    }

    /** A finished report's file, with the SHA-256 recorded when it was written. */
    public record ReportFile(Path path, String sha256) {
    }

    public Optional<ReportFile> file(String id, ReportFormat format) {
        ReportRecord r = QuarkusTransaction.requiringNew().call(() -> ReportRecord.<ReportRecord>findById(id));
        if (r == null || r.state != JobState.SUCCEEDED) {
            return Optional.empty();
        }
        Path path = files.file(r.folder, r.id, format);
        return Files.isRegularFile(path) ? Optional.of(new ReportFile(path, format.sha256(r))) : Optional.empty();
    }

    private ReportView view(ReportRecord r) {
        Optional<Live> live = runner.live(ReportRecords.KIND, r.id, Live.class);
        if (r.state == JobState.RUNNING && live.isPresent()) {
            return ReportView.of(r, live.get().phase(), live.get().percent());
        }
        return ReportView.of(r, "done", r.state == JobState.RUNNING ? 0 : 100);
    }

    private void execute(String id, String trigger, Actor actor, Instant from, Instant to, Live live) {
        Path work = workRoot.resolve(id);
        try {
            Files.createDirectories(work);
            ComplianceReport report = builder.build(id, trigger, actor, from, to, work, live::at);
            live.at("writing", 92);
            ReportFiles.Written written = files.write(report);
            String prefix = null;
            String note = null;
            if (files.bucketConfigured()) {
                live.at("uploading", 96);
                try {
                    prefix = files.upload(id, written);
                } catch (RuntimeException e) {
                    note = "not uploaded: " + e.getMessage();
                    LOG.errorf("Compliance report %s was written but not uploaded: %s", id, e.getMessage());
                }
            } else {
                note = "not uploaded: no backup bucket is configured (strongroom.backup.bucket)";
            }
            finish(id, report, written, prefix, note, actor);
        } catch (IOException | RuntimeException e) {
            String why = (e instanceof SdkException ? "S3: " : e.getClass().getSimpleName() + ": ") + e.getMessage();
            if (Stopping.now()) {
                // The stop closed what the report was using; it is marked failed at the next start.
                LOG.warnf("Compliance report %s cut off by the stop in %s (%s)", id, live.phase(), why);
                return;
            }
            LOG.errorf(e, "Compliance report %s failed in %s", id, live.phase());
            QuarkusTransaction.requiringNew().run(() -> {
                ReportRecord r = ReportRecord.findById(id);
                r.state = JobState.FAILED;
                r.finishedAt = Instant.now();
                r.error = why.length() > 4000 ? why.substring(0, 4000) : why;
            });
            auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.REPORT, "compliance/report/" + id,
                    Outcome.FAILURE, Map.of("phase", live.phase(), "error", why));
        } finally {
            runner.ended(ReportRecords.KIND, live);
            WorkFolders.deleteQuietly(work);
        }
    }

    private void finish(String id, ComplianceReport report, ReportFiles.Written written, String prefix, String note,
            Actor actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            ReportRecord r = ReportRecord.findById(id);
            r.state = JobState.SUCCEEDED;
            r.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            r.overall = report.overall().name();
            r.passed = report.totals().pass();
            r.failed = report.totals().fail();
            r.notConfigured = report.totals().notConfigured();
            r.folder = written.folder();
            r.jsonSha256 = written.sha256().get(ReportFormat.JSON);
            r.csvSha256 = written.sha256().get(ReportFormat.CSV);
            r.htmlSha256 = written.sha256().get(ReportFormat.HTML);
            r.pdfSha256 = written.sha256().get(ReportFormat.PDF);
            r.uploadedPrefix = prefix;
            r.uploadNote = note;
            r.coverageThrough = report.coverage().checksums() == null ? null
                    : report.coverage().checksums().checkedThrough();
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("overall", report.overall().name());
        detail.put("pass", report.totals().pass());
        detail.put("fail", report.totals().fail());
        detail.put("notConfigured", report.totals().notConfigured());
        detail.put("from", report.period().from().toString());
        detail.put("to", report.period().to().toString());
        written.sha256().forEach((format, sum) -> detail.put(format.extension + "Sha256", sum));
        detail.put("uploadedTo", prefix);
        detail.put("uploadNote", note);
        auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.REPORT, "compliance/report/" + id,
                Outcome.SUCCESS, detail);
        LOG.infof("Compliance report %s: %s (%d passed, %d failed, %d not configured), files in %s%s", id,
                report.overall(), report.totals().pass(), report.totals().fail(), report.totals().notConfigured(),
                written.folder(), prefix == null ? "; " + note : ", uploaded to " + prefix);
    }

    /** What a running report is doing; a new phase is logged. */
    private static final class Live extends JobProgress {

        Live(String id, Instant startedAt) {
            super(id, startedAt, "queued");
        }

        @Override
        public void at(String phase, int percent) {
            if (!phase.equals(phase())) {
                LOG.infof("Compliance report %s: %s (%d %%)", id(), phase, percent);
            }
            super.at(phase, percent);
        }
    }
}
