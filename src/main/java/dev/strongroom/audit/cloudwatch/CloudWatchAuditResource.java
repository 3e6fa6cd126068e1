package dev.strongroom.audit.cloudwatch;

import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ExportFormat;
import dev.strongroom.audit.ExportHeader;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail in CloudWatch Logs: shipping status, consistency checks, export from CloudWatch. */
@Path("/api/audit/cloudwatch")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class CloudWatchAuditResource {

    private final AuditShipping shipping;
    private final ConsistencyCheck check;
    private final CloudWatchExport export;
    private final CloudWatchAuditConfig config;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public CloudWatchAuditResource(AuditShipping shipping, ConsistencyCheck check, CloudWatchExport export,
            CloudWatchAuditConfig config, Auditor auditor, SecurityIdentity identity) {
        this.shipping = shipping;
        this.check = check;
        this.export = export;
        this.config = config;
        this.auditor = auditor;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.AUDITOR })
    @Operation(summary = "Audit shipping status: log group, stream, shipped and durable sequence numbers, lag, last error")
    @APIResponse(responseCode = "200", description = "The status")
    public ShippingStatus status() {
        ShippingStatus status = shipping.status();
        auditor.record(AuditLogAction.CLOUDWATCH_STATUS, "audit/cloudwatch/" + status.stream(), Outcome.SUCCESS,
                Map.of("shippedSeq", status.shippedSeq(), "lagSeconds", status.lagSeconds()));
        return status;
    }

    @POST
    @Path("checks")
    @RolesAllowed({ Roles.AUDITOR, Roles.OPS })
    @Operation(summary = "Compare CloudWatch Logs with the journal for a time range",
            description = "Every shipped journal event whose time is in [from, to) must be in this instance's stream "
                    + "once, byte for byte and in sequence order. Reports every missing, extra, changed, conflicting "
                    + "or misplaced event; the result is audited and kept for the compliance report. Defaults: to = now, "
                    + "from = to minus strongroom.audit.cloudwatch.check-window.")
    @APIResponse(responseCode = "200", description = "The report; ok=false lists the findings")
    @APIResponse(responseCode = "400", description = "A malformed instant, or from not before to")
    @APIResponse(responseCode = "503", description = "CloudWatch Logs could not be read (the attempt is audited)")
    public ConsistencyReport runCheck(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null || to.isBlank() ? Instant.now() : QueryParams.instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(config.checkWindow())
                : QueryParams.instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "'from' (" + start + ") must be before 'to' (" + end
                    + ")");
        }
        try {
            return check.run(start, end, "manual", identity.getPrincipal().getName());
        } catch (CloudWatchUnavailable e) {
            throw unavailable(e);
        }
    }

    @GET
    @Path("checks")
    @RolesAllowed({ Roles.AUDITOR, Roles.OPS })
    @Operation(summary = "The newest consistency checks, newest first")
    @APIResponse(responseCode = "200", description = "Up to 'size' checks")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    public List<ConsistencyReport> checks(@QueryParam("size") @DefaultValue("20") String size) {
        List<ConsistencyReport> recent = check.recent(QueryParams.size(size, 200));
        auditor.record(AuditLogAction.CLOUDWATCH_CHECKS, "audit/cloudwatch", Outcome.SUCCESS, Map.of("count", recent.size()));
        return recent;
    }

    @GET
    @Path("export")
    @RolesAllowed(Roles.AUDITOR)
    @Produces({ "text/csv", MediaType.APPLICATION_JSON, "application/x-ndjson" })
    @Operation(summary = "Export the audit trail as CloudWatch Logs holds it (csv, json or ndjson)",
            description = "The same formats as /api/audit/export, read from this instance's log stream: one event per "
                    + "sequence number in stream order, oversized events joined from their parts. The anchor and chain "
                    + "head come from CloudWatch, so the export verifies with the same verifier (VerifyExport).")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "400", description = "Unknown format or malformed parameter")
    @APIResponse(responseCode = "503", description = "CloudWatch Logs could not be read")
    public Response export(@QueryParam("format") @DefaultValue("ndjson") String format, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        ExportFormat parsed;
        try {
            parsed = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, e.getMessage());
        }
        CloudWatchExport.Prepared prepared;
        try {
            prepared = export.prepare(parsed, QueryParams.instant("from", from), QueryParams.instant("to", to));
        } catch (CloudWatchUnavailable e) {
            throw unavailable(e);
        }
        StreamingOutput body = out -> export.write(prepared, out);
        String name = "strongroom-audit-cloudwatch-" + LocalDate.now(ZoneOffset.UTC) + "." + parsed.extension;
        return Response.ok(body, parsed.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(ExportHeader.HTTP_HEADER, prepared.header().asHttpHeader())
                .header("X-Audit-Chain-Head-Seq", prepared.header().chainHead().seq())
                .header("X-Audit-Chain-Head-Hash", prepared.header().chainHead().hash())
                .header("X-Audit-Event-Count", prepared.header().eventCount()).build();
    }

    private static ProblemException unavailable(CloudWatchUnavailable e) {
        return new ProblemException(503, ProblemType.CLOUDWATCH_UNAVAILABLE, "CloudWatch Logs unavailable", e.getMessage());
    }
}
