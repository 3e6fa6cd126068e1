package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.compliance.drill.DrillState;
import dev.strongroom.jobs.Actor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.compliance.ComplianceAction;
import dev.strongroom.compliance.ComplianceReport;
import dev.strongroom.compliance.ReportPeriod;
import dev.strongroom.compliance.ReportService;
import dev.strongroom.compliance.ReportView;
import dev.strongroom.compliance.drill.DrillResource;
import dev.strongroom.compliance.drill.DrillService;
import dev.strongroom.compliance.drill.DrillView;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Roles;
import dev.strongroom.jobs.JobState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Compliance reports and restore drills for ops, auditors and admins: the recent ones with their
 * files, and forms to start either. The forms work without JavaScript (post, redirect, get);
 * static/progress.js follows what is running through the API and shows its progress.
 */
@Path("/compliance")
@RolesAllowed({ Roles.OPS, Roles.AUDITOR, Roles.ADMIN })
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class CompliancePage {

    static final int RECENT = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance compliance(Page page, List<ReportView> reports, List<DrillView> drills,
                String defaultFrom, String defaultTo, String notice, String problem);
    }

    private final PageContext pages;
    private final ReportService reports;
    private final DrillService drills;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public CompliancePage(PageContext pages, ReportService reports, DrillService drills, Auditor auditor,
            SecurityIdentity identity) {
        this.pages = pages;
        this.reports = reports;
        this.drills = drills;
        this.auditor = auditor;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String report, @RestQuery String drill) {
        return page(rc, notice(report, drill), null);
    }

    /**
     * "Started" while it runs; once it has ended the notice says so, so a page reloaded or opened
     * from history later does not claim a finished report is still starting.
     */
    private String notice(String report, String drill) {
        if (report != null) {
            return reports.find(report).map(r -> JobState.RUNNING.stored().equals(r.state())
                    ? "Report " + r.id() + " started; its progress shows below."
                    : "Report " + r.id() + " has finished (" + r.state() + "); its result is below.").orElse(null);
        }
        if (drill != null) {
            return drills.find(drill).map(d -> DrillState.RUNNING.stored().equals(d.state())
                    ? "Restore drill " + d.id() + " started; its progress shows below."
                    : "Restore drill " + d.id() + " has finished (" + d.state() + "); its result is below.").orElse(null);
        }
        return null;
    }

    @POST
    @Path("reports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response startReport(RoutingContext rc, @RestForm String from, @RestForm String to) {
        try {
            ComplianceReport.Period period = ReportPeriod.parse(from, to);
            ReportView started = reports.start("manual", Actor.of(identity), period.from(), period.to());
            return Response.seeOther(URI.create("/compliance?report=" + started.id())).build();
        } catch (ProblemException e) {
            auditor.record(ComplianceAction.REPORT_START, "compliance/reports", Outcome.REJECTED,
                    Map.of("reason", e.getMessage()));
            return Response.status(e.status()).entity(page(rc, null, "The report was not started: " + e.getMessage()))
                    .build();
        }
    }

    @POST
    @Path("drills")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response startDrill(RoutingContext rc, @RestForm String reconcile, @RestForm String sampleSize,
            @RestForm String confirm) {
        try {
            Integer sample = sample(sampleSize);
            if (!Confirmation.given(confirm)) {
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("Sample", sample == null ? "the configured share of backed-up documents" : sample + " documents");
                facts.put("Snapshot reconcile dry run", "on".equals(reconcile) ? "yes" : "no");
                Map<String, String> hidden = new LinkedHashMap<>();
                hidden.put("sampleSize", sample == null ? "" : sample.toString());
                if ("on".equals(reconcile)) {
                    hidden.put("reconcile", "on");
                }
                return Confirmation.of("Start a restore drill?",
                        "Downloads a random sample of backed-up documents from S3 (and the replica, if configured) into "
                                + "a scratch folder and re-hashes each against the catalog. It changes nothing in the vault, "
                                + "costs S3 requests and transfer, and its result goes into the next compliance report.",
                        facts, "/compliance/drills", "Start the drill", "/compliance").withHidden(hidden)
                        .page(pages.page(rc, "Confirm: restore drill", "compliance"));
            }
            DrillView started = drills.start("manual", Actor.of(identity),
                    new DrillService.DrillRequest(sample, "on".equals(reconcile), null));
            return Response.seeOther(URI.create("/compliance?drill=" + started.id())).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(page(rc, null, "The drill was not started: " + e.getMessage()))
                    .build();
        }
    }

    /** The form's optional sample size: blank means the configured share, anything else must be 1 to the maximum. */
    private static Integer sample(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= DrillResource.MAX_SAMPLE) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        throw ProblemException.badRequest(ProblemType.INVALID_SAMPLE_SIZE,
                "the sample size must be a whole number from 1 to " + DrillResource.MAX_SAMPLE + ", not '" + raw + "'");
    }

    private TemplateInstance page(RoutingContext rc, String notice, String problem) {
        List<ReportView> recentReports = reports.recent(0, RECENT);
        List<DrillView> recentDrills = drills.recent(0, RECENT);
        auditor.record(ComplianceAction.PAGE, "compliance", Outcome.SUCCESS,
                Map.of("reports", recentReports.size(), "drills", recentDrills.size()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Templates.compliance(pages.page(rc, "Compliance", "compliance"), recentReports, recentDrills,
                today.minusDays(1).toString(), today.minusDays(1).toString(), notice, problem);
    }
}
