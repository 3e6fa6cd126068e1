package dev.strongroom.web;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.AuditVerification;
import dev.strongroom.audit.JournalVerifier;
import dev.strongroom.backup.BackupOverview;
import dev.strongroom.backup.BackupStatus;
import dev.strongroom.catalog.CatalogStatistics;
import dev.strongroom.compliance.ReportService;
import dev.strongroom.compliance.ReportView;
import dev.strongroom.compliance.drill.DrillService;
import dev.strongroom.compliance.drill.DrillView;
import dev.strongroom.snapshots.SnapshotMonitor;
import dev.strongroom.snapshots.SnapshotStatus;
import dev.strongroom.security.Roles;
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
 * The operations page: the health checks, free space on the data volume, the catalog's size and the
 * audit chain's verification, all read fresh at each visit; the backup status, the latest
 * snapshot check, compliance report and restore drill as their capabilities report them. Nothing here is invented: what is not configured
 * says so.
 */
@Path("/operations")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.TEXT_HTML)
public class OperationsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance operations(Page page, Health health, Disk disk, CatalogStatistics.Summary catalog,
                AuditVerification chain, BackupStatus backup, SnapshotStatus snapshots, ReportView report,
                DrillView drill);
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

    public OperationsPage(PageContext pages, SmallRyeHealthReporter health, CatalogStatistics catalog,
            AuditService audit, VaultConfig vault, StoreConfig store, BackupOverview backups,
            SnapshotMonitor snapshots, ReportService reports, DrillService drills) {
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
    public TemplateInstance show(RoutingContext rc) {
        return Templates.operations(pages.page(rc, "Operations", "operations"), health(), disk(), catalog.summary(),
                audit.verify(JournalVerifier.Scope.INCREMENTAL), backups.current(), snapshots.latest().orElse(null),
                reports.recent(0, 1).stream().findFirst().orElse(null),
                drills.recent(0, 1).stream().findFirst().orElse(null));
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
