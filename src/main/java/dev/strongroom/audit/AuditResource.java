package dev.strongroom.audit;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.http.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail for auditors: query, export, verify. */
@Path("/api/audit")
@Tag(name = "Audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Query audit events, newest first",
            description = "The vault's trail: every host's events, each with the host whose journal holds it, newest "
                    + "first by event time, then host, then sequence number (sequence numbers are per host).")
    @APIResponse(responseCode = "200", description = "One page of events")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    public AuditPage query(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("documentId") String documentId, @QueryParam("outcome") String outcome,
            @QueryParam("text") @Parameter(description = "Words anywhere in the event, its details included") String text,
            @QueryParam("timeFrom") @Parameter(description = "UTC time of day, HH:mm, included") String timeFrom,
            @QueryParam("timeTo") @Parameter(description = "UTC time of day, HH:mm, excluded; before timeFrom means overnight") String timeTo,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("100") String size) {
        int pageSize = QueryParams.size(size, 1000);
        return audit.query(filter(from, to, actor, action, documentId, outcome, text, timeFrom, timeTo),
                QueryParams.page(page, pageSize), pageSize);
    }

    @GET
    @Path("export")
    @Produces({ "text/csv", MediaType.APPLICATION_JSON, "application/x-ndjson" })
    @Operation(summary = "Export audit events (csv, json or ndjson), streamed, with the chain head and count",
            description = "NDJSON and JSON carry the journal lines byte for byte, so each event's hash can be checked; "
                    + "an unfiltered or time-range export also carries its anchor and can be verified offline. The "
                    + "header (first NDJSON line, and X-Audit-Export-Header for every format) is a manifest signed "
                    + "with the vault's key: first and last seq, the SHA-256 of the event lines, the chain head and "
                    + "the newest digest, so an export of any filter proves itself complete.")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "400", description = "Unknown format or malformed parameter")
    @APIResponse(responseCode = "503", description = "The signing key is missing (signing-key-missing): no export is "
            + "made that could not be signed")
    public Response export(@QueryParam("format") @DefaultValue("ndjson") String format, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("documentId") String documentId, @QueryParam("outcome") String outcome,
            @QueryParam("text") String text, @QueryParam("timeFrom") String timeFrom,
            @QueryParam("timeTo") String timeTo) throws IOException {
        ExportFormat parsed;
        try {
            parsed = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, e.getMessage());
        }
        AuditService.PreparedExport export = audit.prepareExport(parsed,
                filter(from, to, actor, action, documentId, outcome, text, timeFrom, timeTo));
        StreamingOutput body = out -> audit.write(export, out);
        String name = "strongroom-audit-" + LocalDate.now(ZoneOffset.UTC) + "." + parsed.extension;
        return Response.ok(body, parsed.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(ExportHeader.HTTP_HEADER, export.header().asHttpHeader())
                .header("X-Audit-Chain-Head-Seq", export.header().chainHead().seq())
                .header("X-Audit-Chain-Head-Hash", export.header().chainHead().hash())
                .header("X-Audit-Event-Count", export.header().eventCount()).build();
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the journal on disk and the index rows against it",
            description = "Reads the journal files (the source of truth) from the vault's signed checkpoint "
                    + "(scope=incremental, the default) or from the first event (scope=full), checks the hash chain, and "
                    + "compares every index row of that range with its line: a row whose filter columns (document id, "
                    + "actor, action, ...) disagree with the line, a line without a row and a row without a line are "
                    + "findings. The answer says which range was verified and when; ok=true, or the first broken "
                    + "sequence number and every finding.")
    @APIResponse(responseCode = "200", description = "The verification result")
    @APIResponse(responseCode = "400", description = "An unknown scope")
    public AuditVerification verify(@QueryParam("scope") @DefaultValue("incremental") String scope) {
        return audit.verify(JournalVerifier.Scope.valueOf(QueryParams.oneOf("scope", scope,
                Set.of("incremental", "full")).toUpperCase(Locale.ROOT)));
    }

    private static AuditFilter filter(String from, String to, String actor, String action, String documentId,
            String outcome, String text, String timeFrom, String timeTo) {
        AuditFilter.TimeOfDay timeOfDay;
        try {
            timeOfDay = AuditFilter.TimeOfDay.parse(timeFrom, timeTo);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, e.getMessage());
        }
        return new AuditFilter(QueryParams.instant("from", from), QueryParams.instant("to", to), QueryParams.text(actor),
                QueryParams.text(action), QueryParams.text(documentId), QueryParams.text(outcome),
                QueryParams.text(text), timeOfDay);
    }
}
