package dev.strongroom.web;

import dev.strongroom.audit.AuditAction;
import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.AuditPage;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.AuditVerification;
import dev.strongroom.audit.JournalVerifier;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.DocumentFacetFilter;
import dev.strongroom.catalog.DocumentPage;
import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.QueryParams;
import dev.strongroom.ingest.ReceiptAction;
import dev.strongroom.keys.KeyAction;
import dev.strongroom.retention.RetentionChange;
import dev.strongroom.security.SecurityAction;
import dev.strongroom.security.UserChange;
import dev.strongroom.writeahead.WriteAheadAction;
import io.quarkus.security.identity.SecurityIdentity;
import dev.strongroom.http.Roles;
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
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import java.util.Locale;

/**
 * The audit trail for auditors: filters (words in the details, time of day among them), a page of
 * events, export links to {@code /api/audit/export} with the same filters, the hash chain's
 * verification, re-read from the journal on disk at every visit, the documents on legal hold, and
 * the form that checks an export file ({@link ExportCheckPage}).
 */
@Path("/audit")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    static final int PAGE_SIZE = 50;
    static final int HELD_SHOWN = 10;
    static final List<String> OUTCOMES = Stream.of(Outcome.values()).map(Outcome::value).toList();
    /** Suggestions for the action filter; any action can be typed. */
    static final List<String> ACTIONS = Stream.of(SecurityAction.ACCESS_DENIED,
            SecurityAction.ACCESS_UNAUTHENTICATED, AuditLogAction.EXPORT, AuditLogAction.EXPORT_CHECK,
            AuditLogAction.SEARCH, AuditLogAction.VERIFY, DocumentAction.RECOVER, WriteAheadAction.REBUILD,
            WriteAheadAction.REPLAY, SecurityAction.CSRF_REJECTED, RetentionChange.DISPOSAL_APPROVE,
            RetentionChange.DISPOSAL_REJECT, RetentionChange.DISPOSAL_REQUEST, RetentionChange.DISPOSAL_WITHDRAW,
            DocumentAction.DOWNLOAD, DocumentAction.EDIT, DocumentAction.EDIT_INTENT,
            RetentionChange.LEGAL_HOLD_CLEAR, RetentionChange.LEGAL_HOLD_SET, DocumentAction.SEARCH,
            DocumentAction.UPLOAD, DocumentAction.VIEW, KeyAction.BACKUP, KeyAction.CREATE, KeyAction.MISSING,
            KeyAction.REGISTER, KeyAction.RESTORE, KeyAction.ROTATION, KeyAction.ROTATION_INTENT,
            KeyAction.ROTATION_REQUEST, KeyAction.VIEW, SecurityAction.LOGIN_FAILURE, SecurityAction.LOGIN_SUCCESS,
            SecurityAction.LOGIN_THROTTLED, SecurityAction.LOGOUT, ReceiptAction.VERIFY, ReceiptAction.VIEW,
            SecurityAction.SESSION_REFUSED, UserChange.CREATE, UserChange.DISABLE, UserChange.ENABLE,
            SecurityAction.USER_LIST, UserChange.PASSWORD_RESET, UserChange.ROLES_APPROVE, UserChange.ROLES_CHANGE,
            UserChange.ROLES_REJECT, UserChange.ROLES_REQUEST, UserChange.ROLES_WITHDRAW, ViewChange.DELETE,
            ViewChange.SAVE).map(AuditAction::action).toList();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Page page, Filters filters, AuditPage events, Paging paging,
                String problem, AuditVerification chain, List<ExportLink> exports, List<String> actions,
                List<String> outcomes, DocumentPage held);
    }

    /** One export button. */
    public record ExportLink(String format, String label, String href) {
    }

    /** The filter form's values as typed. */
    public record Filters(String from, String to, String actor, String action, String documentId, String outcome,
            String text, String timeFrom, String timeTo) {

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
            values.put("text", text);
            values.put("timeFrom", timeFrom);
            values.put("timeTo", timeTo);
            return values;
        }
    }

    private final PageContext pages;
    private final AuditService audit;
    private final DocumentService documents;
    private final SecurityIdentity identity;

    public AuditPages(PageContext pages, AuditService audit, DocumentService documents, SecurityIdentity identity) {
        this.pages = pages;
        this.audit = audit;
        this.documents = documents;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response show(RoutingContext rc, @RestQuery String from, @RestQuery String to, @RestQuery String actor,
            @RestQuery String action, @RestQuery String documentId, @RestQuery String outcome,
            @RestQuery String text, @RestQuery String timeFrom, @RestQuery String timeTo, @RestQuery String page) {
        Filters filters = new Filters(QueryString.blankToNull(from), QueryString.blankToNull(to),
                QueryString.blankToNull(actor), QueryString.blankToNull(action), QueryString.blankToNull(documentId),
                outcome != null && OUTCOMES.contains(outcome) ? outcome : null, QueryString.blankToNull(text),
                QueryString.blankToNull(timeFrom), QueryString.blankToNull(timeTo));
        AuditPage events = new AuditPage(List.of(), 0, PAGE_SIZE, 0);
        List<ExportLink> exports = List.of();
        String problem = null;
        int status = 200;
        try {
            DayRange days = DayRange.parse(filters.from(), filters.to());
            AuditFilter filter = new AuditFilter(days.from(), days.to(), filters.actor(), filters.action(),
                    filters.documentId(), filters.outcome(), filters.text(),
                    AuditFilter.TimeOfDay.parse(filters.timeFrom(), filters.timeTo()));
            events = audit.query(filter, pageNumber(page), PAGE_SIZE);
            exports = exports(filter);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            status = 400;
        }
        AuditVerification chain = audit.verify(JournalVerifier.Scope.INCREMENTAL);
        Paging paging = new Paging(events.page(), events.size(), events.total(), events.items().size());
        DocumentPage held = documents.search(new DocumentQuery(null, null, null, null, null, null, "uploaded", false, 0,
                HELD_SHOWN), new DocumentFacetFilter(null, true, null), Viewer.of(identity));
        return Response.status(status).entity(Templates.audit(pages.page(rc, "Audit trail", "audit"), filters, events,
                paging, problem, chain, exports, ACTIONS, OUTCOMES, held)).build();
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
        query.put("text", filter.text());
        query.put("timeFrom", filter.timeOfDay() == null ? null : hhmm(filter.timeOfDay().fromMinute()));
        query.put("timeTo", filter.timeOfDay() == null ? null : hhmm(filter.timeOfDay().toMinute()));
        String rest = QueryString.of(query);
        return List.of("csv", "json", "ndjson").stream().map(format -> new ExportLink(format,
                format.toUpperCase(Locale.ROOT),
                "/api/audit/export?format=" + format + (rest.isEmpty() ? "" : "&" + rest))).toList();
    }

    private static String hhmm(int minute) {
        return minute >= 24 * 60 ? null : String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 0) {
                return QueryParams.withinReach(number, PAGE_SIZE, IllegalArgumentException::new);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'page' must be a whole number, 0 or more");
    }
}
