package dev.strongroom.web;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.security.Roles;
import dev.strongroom.statements.LineQuery;
import dev.strongroom.statements.LineView;
import dev.strongroom.statements.MatchDecisions;
import dev.strongroom.statements.MatchState;
import dev.strongroom.statements.StatementParams;
import dev.strongroom.statements.StatementService;
import dev.strongroom.statements.StatementState;
import dev.strongroom.statements.StatementView;
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
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Statements for people: the list (an analyst's own, every one for an auditor) with each statement's processing
 * state; one statement with its refused rows or its lines, each with the receipts backing it and the options
 * offered; and, for the statement's analyst, confirming an option, naming other receipts, or clearing a line.
 * Decisions go through {@link MatchDecisions} like the API's (written ahead); refusals come back as the
 * API's problems, shown as error pages.
 */
@Path("/statements")
@RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class StatementPages {

    static final int PAGE_SIZE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance statements(Page page, StatementView.Page list, Paging paging, String state,
                List<String> states);

        static native TemplateInstance statement(Page page, StatementView statement, LineView.Page lines,
                Paging paging, String state, List<String> states, boolean decides, String notice);
    }

    private final PageContext pages;
    private final StatementService statements;
    private final MatchDecisions decisions;
    private final SecurityIdentity identity;

    public StatementPages(PageContext pages, StatementService statements, MatchDecisions decisions,
            SecurityIdentity identity) {
        this.pages = pages;
        this.statements = statements;
        this.decisions = decisions;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance list(RoutingContext rc, @RestQuery String state, @RestQuery String page) {
        StatementState chosen = StatementParams.state("state", state, StatementState.class);
        int number = page == null || page.isBlank() ? 0 : QueryParams.page(page, PAGE_SIZE);
        StatementView.Page list = statements.list(null, chosen, number, PAGE_SIZE, Viewer.of(identity));
        return Templates.statements(pages.page(rc, "Statements", "statements"), list,
                new Paging(number, PAGE_SIZE, list.total(), list.items().size()), chosen == null ? "" : chosen.name(),
                names(StatementState.values()));
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestPath String id, @RestQuery String state,
            @RestQuery String page, @RestQuery String done) {
        StatementView statement = statements.view(id, Viewer.of(identity));
        MatchState chosen = StatementParams.state("state", state, MatchState.class);
        int number = page == null || page.isBlank() ? 0 : QueryParams.page(page, PAGE_SIZE);
        LineView.Page lines = statements.lines(new LineQuery(id, null, null, null, null, null, null, chosen, number,
                PAGE_SIZE), Viewer.of(identity));
        boolean decides = identity.hasRole(Roles.ANALYST) && statement.owner().equals(me());
        return Templates.statement(pages.page(rc, "Statement " + statement.fileName(), "statements"), statement,
                lines, new Paging(number, PAGE_SIZE, lines.total(), lines.items().size()),
                chosen == null ? "" : chosen.name(), names(MatchState.values()), decides, notice(done));
    }

    /**
     * Confirms the receipts backing a line: an offered option (its receipts as hidden fields) or receipts the
     * analyst names (document ids, separated by commas or spaces).
     */
    @POST
    @Path("{id}/lines/{line}/match")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Response confirm(@RestPath String id, @RestPath String line, @RestForm List<String> receipt,
            @RestForm String receipts) {
        int lineNo = StatementParams.line(line);
        List<String> chosen = receipt == null || receipt.isEmpty() ? named(receipts) : receipt;
        if (chosen.isEmpty()) {
            throw ProblemException.badRequest(ProblemType.INVALID_MATCH, "Name at least one receipt (its document id) for line "
                    + lineNo);
        }
        decisions.confirm(id, lineNo, chosen, Viewer.of(identity));
        return back(id, lineNo, "confirmed");
    }

    @POST
    @Path("{id}/lines/{line}/clear")
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Response clear(@RestPath String id, @RestPath String line) {
        int lineNo = StatementParams.line(line);
        decisions.clear(id, lineNo, Viewer.of(identity));
        return back(id, lineNo, "cleared");
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> named(String receipts) {
        return receipts == null ? List.of() : Arrays.stream(receipts.split("[,\\s]+")).filter(r -> !r.isBlank())
                .toList();
    }

    private static Response back(String id, int lineNo, String done) {
        return Response.seeOther(URI.create("/statements/" + QueryString.encode(id) + "?done=" + done + "-" + lineNo
                + "#line-" + lineNo)).build();
    }

    /** Only the page's own outcomes are shown, never text taken from the address. */
    private static String notice(String done) {
        if (done == null || !done.matches("(confirmed|cleared)-[0-9]{1,9}")) {
            return null;
        }
        String line = done.substring(done.indexOf('-') + 1);
        return done.startsWith("confirmed") ? "Line " + line + ": your choice of receipts is recorded (confirmed)."
                : "Line " + line + ": cleared; it now counts as missing its receipt.";
    }

    private String me() {
        return identity.getPrincipal().getName();
    }
}
