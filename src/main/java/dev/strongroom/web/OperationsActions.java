package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.BackupAction;
import dev.strongroom.backup.BackupOverview;
import dev.strongroom.backup.BackupRunView;
import dev.strongroom.backup.BackupService;
import dev.strongroom.backup.BackupStatus;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Roles;
import dev.strongroom.jobs.Actor;
import dev.strongroom.snapshots.ReconcileReport;
import dev.strongroom.snapshots.SnapshotReconcile;
import dev.strongroom.snapshots.VolumeRestore;
import dev.strongroom.snapshots.VolumeRestoreView;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The buttons of the operations page: back up now, reconcile with the S3 backup (dry run, then for
 * real), and restore a snapshot (dry run first, then for real). Each calls the same service as the
 * API, which audits it; anything that changes something answers a {@link Confirmation} first, and a
 * real snapshot restore is refused until a dry run of the same snapshot planned cleanly. Progress
 * then shows on the operations page (static/progress.js follows the API).
 */
@Path("/operations/run")
@RolesAllowed(Roles.OPS)
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class OperationsActions {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8,32}");

    private final PageContext pages;
    private final OperationsPage operations;
    private final BackupService backups;
    private final BackupOverview overview;
    private final SnapshotReconcile reconcile;
    private final VolumeRestore restore;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public OperationsActions(PageContext pages, OperationsPage operations, BackupService backups,
            BackupOverview overview, SnapshotReconcile reconcile, VolumeRestore restore, Auditor auditor,
            SecurityIdentity identity) {
        this.pages = pages;
        this.operations = operations;
        this.backups = backups;
        this.overview = overview;
        this.reconcile = reconcile;
        this.restore = restore;
        this.auditor = auditor;
        this.identity = identity;
    }

    @POST
    @Path("backup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response backup(RoutingContext rc, @RestForm String confirm) {
        if (!Confirmation.given(confirm)) {
            BackupStatus status = overview.current();
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Bucket", status.configured() ? status.bucket() : "not configured");
            facts.put("Waiting for backup", Formats.count(status.pendingDocuments()) + " documents");
            facts.put("Backup lag", Formats.seconds(status.lagSeconds()));
            return Confirmation.of("Back up now?",
                    "Uploads every document not yet confirmed in S3, then the catalog export, the audit journal and "
                            + "the run's manifest. Object Lock keeps what it writes until each document's retain-until.",
                    facts, "/operations/run/backup", "Start the backup run", "/operations")
                    .page(pages.page(rc, "Confirm: back up now", "operations"));
        }
        BackupRunView run;
        try {
            run = backups.start("manual", me());
        } catch (ProblemException e) {
            auditor.record(BackupAction.RUN_START, "backup/runs", Outcome.REJECTED, Map.of("reason", e.slug()));
            return refused(rc, e, "The backup run was not started: ");
        }
        auditor.record(BackupAction.RUN_START, "backup/run/" + run.id(), Outcome.SUCCESS, Map.of("trigger", "manual"));
        return started("backup", run.id());
    }

    @POST
    @Path("reconcile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response reconcile(RoutingContext rc, @RestForm String dryRun, @RestForm String confirm) {
        boolean dry = !"false".equals(dryRun);
        if (!dry && !Confirmation.given(confirm)) {
            Map<String, String> facts = new LinkedHashMap<>();
            reconcile.recent().stream().filter(r -> r.dryRun() && r.finishedAt() != null).findFirst()
                    .ifPresent(r -> facts.put("Latest dry run", r.id() + ", " + Formats.state(r.state()) + ", "
                            + Formats.ago(r.finishedAt()) + reconcileSummary(r)));
            return Confirmation.of("Reconcile with the S3 backup for real?",
                    "Adds the catalog rows written after the snapshot, fetches every missing or corrupt blob from S3 "
                            + "and verifies the audit chain. Run the dry run first to see what it will do.",
                    facts, "/operations/run/reconcile", "Reconcile now", "/operations")
                    .withHidden(Map.of("dryRun", "false")).page(pages.page(rc, "Confirm: reconcile", "operations"));
        }
        ReconcileReport report;
        try {
            report = reconcile.start(dry, Actor.of(identity));
        } catch (ProblemException e) {
            return refused(rc, e, "The reconcile was not started: ");
        }
        return started(dry ? "reconcile-dry-run" : "reconcile", report.id());
    }

    @POST
    @Path("restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response restore(RoutingContext rc, @RestForm String snapshotId, @RestForm String dryRun,
            @RestForm String confirm) {
        String snapshot = snapshotId == null ? "" : snapshotId.strip();
        if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
            return refused(rc, ProblemException.badRequest(ProblemType.INVALID_SNAPSHOT_ID,
                    "choose a snapshot: '" + dev.strongroom.http.Problems.clip(snapshot) + "' is not an EBS snapshot id (snap-…)"),
                    "Nothing was restored: ");
        }
        boolean dry = !"false".equals(dryRun);
        if (!dry) {
            VolumeRestoreView planned = restore.recent().stream()
                    .filter(r -> r.dryRun() && "planned".equals(r.state()) && snapshot.equals(r.plan().snapshotId()))
                    .findFirst().orElse(null);
            if (planned == null) {
                return refused(rc, ProblemException.conflict(ProblemType.DRY_RUN_FIRST, "run the dry run of " + snapshot
                        + " first: a snapshot is restored for real only after its dry run planned cleanly", Map.of()),
                        "Nothing was restored: ");
            }
            if (!Confirmation.given(confirm)) {
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("Snapshot", snapshot + ", taken " + Formats.time(planned.plan().snapshotTime()));
                facts.put("New volume", planned.plan().volumeType() + (planned.plan().encrypted() ? ", encrypted" : "")
                        + " in " + planned.plan().availabilityZone());
                facts.put("Attached to", planned.plan().instanceId() + " at " + planned.plan().device());
                facts.put("Current data volume", planned.plan().replacesVolumeId() + " (not touched)");
                facts.put("Dry run", planned.id() + ", " + Formats.ago(planned.finishedAt()));
                return Confirmation.of("Restore " + snapshot + " as a new volume?",
                        "Creates a new volume from the snapshot and attaches it to this instance. The current data "
                                + "volume is not touched; switching over is the host's step afterwards.",
                        facts, "/operations/run/restore", "Restore the snapshot", "/operations")
                        .withHidden(Map.of("snapshotId", snapshot, "dryRun", "false"))
                        .page(pages.page(rc, "Confirm: restore a snapshot", "operations"));
            }
        }
        VolumeRestoreView view;
        try {
            view = restore.start(snapshot, dry, Actor.of(identity));
        } catch (ProblemException e) {
            return refused(rc, e, "Nothing was restored: ");
        }
        return started(dry ? "restore-dry-run" : "restore", view.id());
    }

    /** The notice the operations page shows after one of these redirected to it; null for anything else. */
    static String startedNotice(String what, String id) {
        if (what == null || id == null) {
            return null;
        }
        return switch (what) {
            case "backup" -> "Backup run " + id + " started; its progress shows below.";
            case "reconcile" -> "Reconcile " + id + " started; its progress shows below.";
            case "reconcile-dry-run" -> "Reconcile dry run " + id + " started; it changes nothing, its findings show below.";
            case "restore" -> "Restore " + id + " started; each step shows below as it happens.";
            case "restore-dry-run" -> "Dry run " + id + " done: its plan is below. Nothing was created.";
            default -> null;
        };
    }

    private static String reconcileSummary(ReconcileReport r) {
        if (r.catalog() == null || r.blobs() == null) {
            return "";
        }
        return ": would add " + r.catalog().added().size() + " catalog rows and fetch " + r.blobs().fetched().size()
                + " blobs";
    }

    private Response refused(RoutingContext rc, ProblemException e, String prefix) {
        return Response.status(e.status()).entity(operations.page(rc, null, prefix + e.getMessage())).build();
    }

    private static Response started(String what, String id) {
        return Response.seeOther(URI.create("/operations?started=" + what + "&id=" + QueryString.encode(id))).build();
    }

    private String me() {
        return identity.getPrincipal().getName();
    }
}
