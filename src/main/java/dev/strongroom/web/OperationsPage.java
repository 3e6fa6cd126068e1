package dev.strongroom.web;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.AuditVerification;
import dev.strongroom.audit.JournalVerifier;
import dev.strongroom.backup.BackupOverview;
import dev.strongroom.backup.BackupRunView;
import dev.strongroom.backup.BackupService;
import dev.strongroom.http.ProblemException;
import dev.strongroom.metrics.GaugeHistory;
import dev.strongroom.snapshots.InstanceLocator;
import dev.strongroom.snapshots.PolicyStatus;
import dev.strongroom.snapshots.ReconcileReport;
import dev.strongroom.snapshots.SnapshotReconcile;
import dev.strongroom.snapshots.SnapshotView;
import dev.strongroom.snapshots.VolumeRestore;
import dev.strongroom.snapshots.VolumeRestoreView;
import dev.strongroom.snapshots.VolumeSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import org.jboss.resteasy.reactive.RestQuery;
import software.amazon.awssdk.core.exception.SdkException;
import dev.strongroom.backup.BackupStatus;
import dev.strongroom.catalog.CatalogStatistics;
import dev.strongroom.compliance.ReportService;
import dev.strongroom.compliance.ReportView;
import dev.strongroom.compliance.drill.DrillService;
import dev.strongroom.compliance.drill.DrillView;
import dev.strongroom.snapshots.SnapshotMonitor;
import dev.strongroom.snapshots.SnapshotStatus;
import dev.strongroom.http.Roles;
import dev.strongroom.store.StoreConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operations page: a dashboard of backup lag, the last backup runs, snapshot age, audit shipping
 * lag and free disk with their sparklines ({@link GaugeHistory}); the health checks, the catalog's
 * size and the audit chain's verification, read fresh at each visit; and the long operations ops
 * start from here ({@link OperationsActions}) with their live progress. Nothing here is invented:
 * what is not configured says so.
 */
@Path("/operations")
@RolesAllowed(Roles.OPS)
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class OperationsPage {

    static final int RECENT_RUNS = 12;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance operations(Page page, Health health, Disk disk, CatalogStatistics.Summary catalog,
                AuditVerification chain, BackupStatus backup, SnapshotStatus snapshots, ReportView report,
                DrillView drill, Dashboard dashboard, Activity activity, String notice, String problem);
    }

    /** The gauges now and their sparklines since the vault started. */
    public record Dashboard(GaugeHistory.Sample now, Sparkline backupLag, Sparkline shipLag, Sparkline freeDisk,
            Sparkline pending, Sparkline runs, Long snapshotAgeSeconds, int samples) {
    }

    /**
     * Long operations ops start here, newest first, with what they can do next: a snapshot whose
     * dry run planned cleanly may be restored for real.
     */
    public record Activity(List<BackupRunView> runs, List<ReconcileReport> reconciles,
            List<VolumeRestoreView> restores, List<SnapshotView> snapshots, String snapshotsProblem,
            boolean backupConfigured, boolean drillConfigured) {
    }

    /** The overall status and each check, from the same reporter that serves {@code /q/health}. */
    public record Health(String status, List<Check> checks) {
        public boolean up() {
            return "UP".equals(status);
        }
    }

    public record Check(String name, String status, Map<String, String> data) {
        public boolean up() {
            return "UP".equals(status);
        }
    }

    /** Space on the data volume; {@code problem} is set when it cannot be read. */
    public record Disk(String path, long usable, long total, long minFree, String problem) {
        public boolean low() {
            return problem == null && usable < minFree;
        }

        public long usedPercent() {
            return total == 0 ? 0 : Math.round(100.0 * (total - usable) / total);
        }
    }

    private final PageContext pages;
    private final SmallRyeHealthReporter health;
    private final CatalogStatistics catalog;
    private final AuditService audit;
    private final VaultConfig vault;
    private final StoreConfig store;
    private final BackupOverview backups;
    private final SnapshotMonitor snapshots;
    private final ReportService reports;
    private final DrillService drills;
    private final BackupService backupRuns;
    private final GaugeHistory history;
    private final SnapshotReconcile reconcile;
    private final VolumeRestore restore;
    private final VolumeSnapshots volumeSnapshots;
    private final InstanceLocator locator;

    public OperationsPage(PageContext pages, SmallRyeHealthReporter health, CatalogStatistics catalog,
            AuditService audit, VaultConfig vault, StoreConfig store, BackupOverview backups,
            SnapshotMonitor snapshots, ReportService reports, DrillService drills, BackupService backupRuns,
            GaugeHistory history, SnapshotReconcile reconcile, VolumeRestore restore, VolumeSnapshots volumeSnapshots,
            InstanceLocator locator) {
        this.backupRuns = backupRuns;
        this.history = history;
        this.reconcile = reconcile;
        this.restore = restore;
        this.volumeSnapshots = volumeSnapshots;
        this.locator = locator;
        this.reports = reports;
        this.drills = drills;
        this.backups = backups;
        this.snapshots = snapshots;
        this.pages = pages;
        this.health = health;
        this.catalog = catalog;
        this.audit = audit;
        this.vault = vault;
        this.store = store;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String started, @RestQuery String id) {
        return page(rc, OperationsActions.startedNotice(started, id), null);
    }

    TemplateInstance page(RoutingContext rc, String notice, String problem) {
        SnapshotStatus snapshot = snapshots.latest().orElse(null);
        List<BackupRunView> runs = backupRuns.recent(0, RECENT_RUNS);
        return Templates.operations(pages.page(rc, "Operations", "operations"), health(), disk(), catalog.summary(),
                audit.verify(JournalVerifier.Scope.INCREMENTAL), backups.current(), snapshot,
                reports.recent(0, 1).stream().findFirst().orElse(null),
                drills.recent(0, 1).stream().findFirst().orElse(null), dashboard(runs, snapshot),
                activity(runs), notice, problem);
    }

    private Dashboard dashboard(List<BackupRunView> runs, SnapshotStatus snapshot) {
        GaugeHistory.Sample now = history.sample();
        List<GaugeHistory.Sample> samples = history.samples();
        List<BackupRunView> finished = new ArrayList<>(runs.stream().filter(r -> r.finishedAt() != null).toList());
        Collections.reverse(finished);
        Long snapshotAge = snapshot == null || snapshot.newestSnapshotTime() == null ? null
                : Duration.between(snapshot.newestSnapshotTime(), Instant.now()).toSeconds();
        return new Dashboard(now,
                Sparkline.over(samples, GaugeHistory.Sample::at, GaugeHistory.Sample::backupLagSeconds,
                        "Backup lag over the last " + samples.size() + " readings"),
                Sparkline.over(samples, GaugeHistory.Sample::at, GaugeHistory.Sample::auditShipLagSeconds,
                        "Audit shipping lag over the last " + samples.size() + " readings"),
                Sparkline.over(samples, GaugeHistory.Sample::at, GaugeHistory.Sample::freeDiskPercent,
                        "Free disk over the last " + samples.size() + " readings"),
                Sparkline.over(samples, GaugeHistory.Sample::at, GaugeHistory.Sample::documentsPendingBackup,
                        "Documents waiting for backup over the last " + samples.size() + " readings"),
                Sparkline.bars(finished, r -> r.durationMs() == null ? 0 : r.durationMs(),
                        r -> r.id() + ": " + r.state() + ", " + Formats.count(r.documents()) + " documents in "
                                + Formats.millis(r.durationMs()),
                        "Duration of the last " + finished.size() + " backup runs"),
                snapshotAge, samples.size());
    }

    private Activity activity(List<BackupRunView> runs) {
        List<SnapshotView> list = List.of();
        String problem = null;
        try {
            String policyId = snapshots.latest().map(SnapshotStatus::policy).map(PolicyStatus::policyId).orElse(null);
            list = volumeSnapshots.list(locator.identity().volumeId(), policyId);
        } catch (ProblemException e) {
            problem = e.getMessage();
        } catch (SdkException e) {
            problem = "EC2 is not reachable: " + e.getMessage();
        }
        return new Activity(runs, reconcile.recent(), restore.recent(), list, problem, backupRuns.configured(),
                drills.configured());
    }

    private Health health() {
        SmallRyeHealth report = health.getHealth();
        JsonObject payload = report.getPayload();
        List<Check> checks = payload.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(check -> new Check(check.getString("name"), check.getString("status"), data(check)))
                .toList();
        return new Health(payload.getString("status"), checks);
    }

    private static Map<String, String> data(JsonObject check) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonObject values = check.getJsonObject("data");
        if (values != null) {
            values.forEach((key, value) -> data.put(key,
                    value.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) value).getString() : value.toString()));
        }
        return data;
    }

    private Disk disk() {
        String path = vault.dataDir().toAbsolutePath().normalize().toString();
        try {
            FileStore volume = Files.getFileStore(vault.dataDir());
            return new Disk(path, volume.getUsableSpace(), volume.getTotalSpace(), store.minFreeBytes(), null);
        } catch (IOException e) {
            return new Disk(path, 0, 0, store.minFreeBytes(), "cannot read the volume: " + e.getMessage());
        }
    }
}
