package dev.strongroom.compliance;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.ResultReads;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.QueryParams;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobResponses;
import dev.strongroom.http.Roles;
import dev.strongroom.jobs.JobState;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Compliance reports, for ops and auditors: start one, follow it, list them, download their files. */
@Path("/api/compliance/reports")
@Tag(name = "Compliance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.AUDITOR, Roles.ADMIN })
public class ComplianceResource {

    private final ReportService reports;
    private final Auditor auditor;
    private final ResultReads reads;
    private final SecurityIdentity identity;

    public ComplianceResource(ReportService reports, Auditor auditor, ResultReads reads, SecurityIdentity identity) {
        this.reports = reports;
        this.auditor = auditor;
        this.reads = reads;
        this.identity = identity;
    }

    /** The period, as a JSON body; query parameters of the same names work too. */
    public record ReportRequest(String from, String to) {
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Make a compliance report now",
            description = "For the period [from, to): each a UTC day (2026-11-01; as 'to' the whole day is included) "
                    + "or an instant. Given as a JSON body {from, to} or as query parameters. Default: the last 24 "
                    + "hours. Returns at once; poll the report for its state and progress.")
    @APIResponse(responseCode = "202", description = "Started; body is the report with state 'running' and its id")
    @APIResponse(responseCode = "400", description = "A malformed or empty period")
    @APIResponse(responseCode = "403", description = "Not ops, auditor or admin")
    @APIResponse(responseCode = "409", description = "Another report is being made (its id is in 'reportId'), or "
            + "another host of the vault holds the reports' lease (held-by-another-host, naming it in 'holderHostId')")
    public Response start(ReportRequest body, @QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            UriInfo uri) {
        String from = body != null && body.from() != null ? body.from() : fromParam;
        String to = body != null && body.to() != null ? body.to() : toParam;
        ComplianceReport.Period period;
        try {
            period = ReportPeriod.parse(from, to);
        } catch (ProblemException e) {
            auditor.record(ComplianceAction.REPORT_START, "compliance/reports", Outcome.REJECTED,
                    Map.of("reason", e.getMessage()));
            throw e;
        }
        ReportView report = reports.start("manual", Actor.of(identity), period.from(), period.to());
        return JobResponses.accepted(uri, report.id(), report);
    }

    @GET
    @Operation(summary = "Compliance reports, newest first")
    @APIResponse(responseCode = "200", description = "One page of reports")
    public List<ReportView> list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        int pageSize = QueryParams.size(size, 200);
        List<ReportView> list = reports.recent(QueryParams.page(page, pageSize), pageSize);
        auditor.record(ComplianceAction.REPORT_LIST, "compliance/reports", Outcome.SUCCESS, Map.of("count", list.size()));
        return list;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One report: state, progress, verdict, links to its files and their SHA-256",
            description = "Reads while the report is being made (progress polls) are not audited; each user's first "
                    + "read of the finished report is (docs/audit-format.md).")
    @APIResponse(responseCode = "200", description = "The report, live while it is being made")
    @APIResponse(responseCode = "404", description = "No such report")
    public ReportView get(@PathParam("id") String id) {
        ReportView report = reports.find(id).orElse(null);
        if (report == null) {
            auditor.record(ComplianceAction.REPORT_VIEW, "compliance/report/" + id, Outcome.REJECTED,
                    Map.of("reason", "not found"));
            throw ProblemException.notFound("No compliance report " + id);
        }
        if (reads.toRecord(identity.getPrincipal().getName(), "compliance/report/" + id,
                !JobState.RUNNING.stored().equals(report.state()))) {
            auditor.record(ComplianceAction.REPORT_VIEW, "compliance/report/" + id, Outcome.SUCCESS,
                    Map.of("state", report.state()));
        }
        return report;
    }

    @GET
    @Path("{id}/report.{format}")
    @Produces({ "application/json", "text/csv", "text/html", "application/pdf" })
    @Operation(summary = "A finished report's file: report.json, report.csv, report.html or report.pdf")
    @APIResponse(responseCode = "200", description = "The file; the ETag is its SHA-256")
    @APIResponse(responseCode = "404", description = "No such report, not finished, or an unknown format")
    public Response download(@PathParam("id") String id, @PathParam("format") String extension) {
        ReportFormat format = ReportFormat.of(extension).orElseThrow(() -> ProblemException.notFound(
                "Reports come as report.json, report.csv, report.html and report.pdf, not report." + extension));
        ReportService.ReportFile file = reports.file(id, format).orElse(null);
        if (file == null) {
            auditor.record(ComplianceAction.REPORT_DOWNLOAD, "compliance/report/" + id, Outcome.REJECTED,
                    Map.of("format", format.extension, "reason", "not found or not finished"));
            throw ProblemException.notFound("No finished compliance report " + id);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", format.extension);
        detail.put("sha256", file.sha256());
        auditor.record(ComplianceAction.REPORT_DOWNLOAD, "compliance/report/" + id, Outcome.SUCCESS, detail);
        Response.ResponseBuilder response = Response.ok(file.path().toFile(), format.mediaType)
                .tag(file.sha256())
                .header("Content-Disposition", (format == ReportFormat.HTML ? "inline" : "attachment")
                        + "; filename=\"" + id + "." + format.extension + "\"");
        if (format == ReportFormat.HTML) {
            response.header("Content-Security-Policy", ReportHtml.CONTENT_SECURITY_POLICY);
        }
        return response.build();
    }
}
