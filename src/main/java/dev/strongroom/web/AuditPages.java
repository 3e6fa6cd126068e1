package dev.strongroom.web;

import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditPage;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.AuditVerification;
import dev.strongroom.audit.JournalVerifier;
import dev.strongroom.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import java.util.Locale;

/**
 * The audit trail for auditors: filters, a page of events, export links to
 * {@code /api/audit/export} with the same filters, and the hash chain's verification, re-read from
 * the journal on disk at every visit.
 */
@Path("/audit")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    static final int PAGE_SIZE = 50;
    static final List<String> OUTCOMES = List.of("success", "denied", "failure", "rejected");
    /** Suggestions for the action filter; any action can be typed. */
    static final List<String> ACTIONS = List.of("access.denied", "access.unauthenticated", "audit.export",
            "audit.search", "audit.verify", "catalog.recover", "csrf.rejected", "document.dispose.approve",
            "document.dispose.request", "document.download", "document.legal-hold.clear", "document.legal-hold.set",
            "document.search", "document.upload", "document.view", "login.failure", "login.success",
            "login.throttled", "logout", "session.refused", "user.create", "user.disable", "user.enable", "user.list",
            "user.password.reset");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Page page, Filters filters, AuditPage events, Paging paging,
                String problem, AuditVerification chain, List<ExportLink> exports, List<String> actions,
                List<String> outcomes);
    }

    /** One export button. */
    public record ExportLink(String format, String label, String href) {
    }

    /** The filter form's values as typed. */
    public record Filters(String from, String to, String actor, String action, String documentId, String outcome) {

        public String query(int page) {
            Map<String, String> values = form();
            values.put("page", page == 0 ? null : Integer.toString(page));
            return QueryString.of(values);
        }

        public boolean any() {
            return !QueryString.of(form()).isEmpty();
        }

        private Map<String, String> form() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("from", from);
            values.put("to", to);
            values.put("actor", actor);
            values.put("action", action);
            values.put("documentId", documentId);
            values.put("outcome", outcome);
            return values;
        }
    }

    private final PageContext pages;
    private final AuditService audit;

    public AuditPages(PageContext pages, AuditService audit) {
        this.pages = pages;
        this.audit = audit;
    }

    @GET
    @Operation(hidden = true)
    public Response show(RoutingContext rc, @RestQuery String from, @RestQuery String to, @RestQuery String actor,
            @RestQuery String action, @RestQuery String documentId, @RestQuery String outcome,
            @RestQuery String page) {
        Filters filters = new Filters(QueryString.blankToNull(from), QueryString.blankToNull(to),
                QueryString.blankToNull(actor), QueryString.blankToNull(action), QueryString.blankToNull(documentId),
                outcome != null && OUTCOMES.contains(outcome) ? outcome : null);
        AuditPage events = new AuditPage(List.of(), 0, PAGE_SIZE, 0);
        List<ExportLink> exports = List.of();
        String problem = null;
        int status = 200;
        try {
            DayRange days = DayRange.parse(filters.from(), filters.to());
            AuditFilter filter = new AuditFilter(days.from(), days.to(), filters.actor(), filters.action(),
                    filters.documentId(), filters.outcome());
            events = audit.query(filter, pageNumber(page), PAGE_SIZE);
            exports = exports(filter);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            status = 400;
        }
        AuditVerification chain = audit.verify(JournalVerifier.Scope.INCREMENTAL);
        Paging paging = new Paging(events.page(), events.size(), events.total(), events.items().size());
        return Response.status(status).entity(Templates.audit(pages.page(rc, "Audit trail", "audit"), filters, events,
                paging, problem, chain, exports, ACTIONS, OUTCOMES)).build();
    }

    /** Export links that select exactly what the page shows (all pages of it), one per format. */
    private static List<ExportLink> exports(AuditFilter filter) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", filter.from() == null ? null : filter.from().toString());
        query.put("to", filter.to() == null ? null : filter.to().toString());
        query.put("actor", filter.actor());
        query.put("action", filter.action());
        query.put("documentId", filter.documentId());
        query.put("outcome", filter.outcome());
        String rest = QueryString.of(query);
        return List.of("csv", "json", "ndjson").stream().map(format -> new ExportLink(format,
                format.toUpperCase(Locale.ROOT),
                "/api/audit/export?format=" + format + (rest.isEmpty() ? "" : "&" + rest))).toList();
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'page' must be a whole number, 0 or more");
    }
}
