package dev.strongroom.statements;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.QueryParams;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Card and bank statements (docs/statements.md). A statement is uploaded as a document of the retention
 * class {@code statement} ({@code POST /api/documents}); here it is read, its lines searched and its matches
 * decided. Analysts see and decide on their own statements; auditors read every one.
 */
@Path("/api/statements")
@Tag(name = "Statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    private final StatementService statements;
    private final MatchDecisions decisions;
    private final SecurityIdentity identity;

    public StatementResource(StatementService statements, MatchDecisions decisions, SecurityIdentity identity) {
        this.statements = statements;
        this.decisions = decisions;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "List statements", description = "Newest first, with their processing state and lines by "
            + "match state. Analysts see their own.")
    @APIResponse(responseCode = "200", description = "One page of statements")
    @APIResponse(responseCode = "400", description = "A malformed parameter (state, page, size)")
    public StatementView.Page list(@QueryParam("account") String account,
            @QueryParam("state") @Parameter(description = "RECEIVED, INVALID, DUPLICATE, LOADED or RECONCILED") String state,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        return statements.list(QueryParams.text(account), StatementParams.state("state", state, StatementState.class),
                QueryParams.page(page, QueryParams.size(size, 200)), QueryParams.size(size, 200), Viewer.of(identity));
    }

    @GET
    @Path("lines")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "Search statement lines", description = "By statement, account, booking period, merchant "
            + "(part of it, any case), amount range (as stated: money out is negative) and match state, with paging. "
            + "Each line comes with the receipts backing it and the options offered for it.")
    @APIResponse(responseCode = "200", description = "One page of lines, by booking date")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    @APIResponse(responseCode = "404", description = "The statement named is unknown, or not yours")
    public LineView.Page lines(@QueryParam("statement") String statement, @QueryParam("account") String account,
            @QueryParam("from") @Parameter(description = "First booking date, 2026-03-01") String from,
            @QueryParam("to") @Parameter(description = "Last booking date, 2026-03-31") String to,
            @QueryParam("merchant") String merchant, @QueryParam("minAmount") String minAmount,
            @QueryParam("maxAmount") String maxAmount,
            @QueryParam("state") @Parameter(description = "UNMATCHED, SUGGESTED, MATCHED or CONFIRMED") String state,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        LineQuery query = new LineQuery(QueryParams.text(statement), QueryParams.text(account),
                StatementParams.date("from", from), StatementParams.date("to", to), QueryParams.text(merchant),
                StatementParams.amount("minAmount", minAmount), StatementParams.amount("maxAmount", maxAmount),
                StatementParams.state("state", state, MatchState.class), QueryParams.page(page, QueryParams.size(size, 500)),
                QueryParams.size(size, 500));
        return statements.lines(query, Viewer.of(identity));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "One statement", description = "Its state, what it covers, its refused rows (an invalid "
            + "file), its reason (a duplicate), its report and notification.")
    @APIResponse(responseCode = "200", description = "The statement")
    @APIResponse(responseCode = "404", description = "No such statement, or not yours")
    public StatementView get(@PathParam("id") String id) {
        return statements.view(id, Viewer.of(identity));
    }

    @GET
    @Path("{id}/lines/{line}")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "One statement line", description = "With the receipts backing it and the options offered.")
    @APIResponse(responseCode = "200", description = "The line")
    @APIResponse(responseCode = "400", description = "The line is not a line number")
    @APIResponse(responseCode = "404", description = "No such statement or line, or not yours")
    public LineView line(@PathParam("id") String id, @PathParam("line") String line) {
        return statements.line(id, StatementParams.line(line), Viewer.of(identity));
    }

    @PUT
    @Path("{id}/lines/{line}/match")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Confirm or change the receipts backing a line",
            description = "One receipt, or several when the line is split across receipts. Written ahead in the "
                    + "audit journal. Only the statement's owner decides.")
    @APIResponse(responseCode = "200", description = "The line as it now stands (CONFIRMED)")
    @APIResponse(responseCode = "400", description = "No receipts, too many, or a malformed line number")
    @APIResponse(responseCode = "403", description = "Not the statement's owner")
    @APIResponse(responseCode = "404", description = "No such statement, line or receipt, or not yours")
    @APIResponse(responseCode = "409", description = "The statement is not matched yet, a receipt already backs another "
            + "line, or is in another currency")
    public LineView confirm(@PathParam("id") String id, @PathParam("line") String line,
            @Valid @NotNull(message = "a JSON body {\"receipts\": [\"<document id>\", ...]} is required") MatchChange change) {
        return decisions.confirm(id, StatementParams.line(line), change.receipts(), Viewer.of(identity));
    }

    @DELETE
    @Path("{id}/lines/{line}/match")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Clear what backs a line", description = "The line becomes UNMATCHED (a missing receipt). "
            + "Written ahead in the audit journal. Only the statement's owner decides.")
    @APIResponse(responseCode = "200", description = "The line as it now stands (UNMATCHED)")
    @APIResponse(responseCode = "400", description = "A malformed line number")
    @APIResponse(responseCode = "403", description = "Not the statement's owner")
    @APIResponse(responseCode = "404", description = "No such statement or line, or not yours")
    @APIResponse(responseCode = "409", description = "The statement is not matched yet")
    public LineView clear(@PathParam("id") String id, @PathParam("line") String line) {
        return decisions.clear(id, StatementParams.line(line), Viewer.of(identity));
    }

    @POST
    @Path("{id}/rematch")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Match the open lines again", description = "For receipts that arrived or were read after "
            + "the statement was matched; confirmed lines stay as they are. The report is written again.")
    @APIResponse(responseCode = "200", description = "The statement with its new counts")
    @APIResponse(responseCode = "403", description = "Not the statement's owner")
    @APIResponse(responseCode = "404", description = "No such statement, or not yours")
    @APIResponse(responseCode = "409", description = "The statement's lines are not loaded (invalid, duplicate, waiting)")
    public StatementView rematch(@PathParam("id") String id) {
        return statements.rematch(id, Viewer.of(identity));
    }

    @GET
    @Path("{id}/report.{format}")
    @Produces({ "text/csv", "application/pdf" })
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "The reconciliation report: report.csv or report.pdf",
            description = "Matched lines, lines missing a receipt, and receipts that match no line.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such statement or format, or not yours")
    @APIResponse(responseCode = "409", description = "The statement has not been processed yet")
    public Response report(@PathParam("id") String id, @PathParam("format") String format) {
        StatementReports.Format chosen = StatementParams.format(format);
        java.nio.file.Path file = statements.report(id, chosen, Viewer.of(identity));
        return Response.ok(file.toFile(), chosen.mediaType).header("Content-Disposition", "attachment; filename=\""
                + "reconciliation-" + id + "." + chosen.extension + "\"").build();
    }

    /** Body of a confirmation: the receipts (document ids) that back the line. */
    public record MatchChange(@NotNull(message = "is required") List<String> receipts) {
    }
}
