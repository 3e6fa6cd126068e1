package dev.strongroom.web;

import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditPage;
import dev.strongroom.audit.AuditService;
import dev.strongroom.catalog.DocumentPage;
import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.metadata.Sidecar;
import dev.strongroom.metadata.SidecarJson;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.ingest.UploadConfig;
import dev.strongroom.http.ProblemException;
import dev.strongroom.retention.RetentionPolicy;
import dev.strongroom.review.CorrectionRequest;
import dev.strongroom.review.CorrectionService;
import dev.strongroom.review.ReceiptFieldsView;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.security.Roles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The documents list (the catalog search, with filters, sorting and paging) and one document's page
 * (every catalog field, download and receipt links, the legal hold for auditors and admins, and for
 * auditors the document's audit events). Searches and views are audited by the catalog service.
 */
@Path("/documents")
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class DocumentPages {

    static final int PAGE_SIZE = 25;
    static final Map<String, String> SORTS = sorts();
    static final int MAX_REASON = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance documents(Page page, Filters filters, DocumentPage results, Paging paging,
                String problem, List<String> types, List<String> retentionClasses, Map<String, String> sorts,
                boolean showOwner);

        static native TemplateInstance document(Page page, DocumentView doc, Sidecar metadata, boolean mayDownload,
                boolean mayHold, AuditPage events, String notice, String problem, ReceiptFieldsView fields,
                boolean mayCorrect);
    }

    /** The filter form's values as typed, kept for the form and for paging links. */
    public record Filters(String q, String from, String to, String type, String retentionClass, String owner,
            String sort, String order) {

        public String query(int page) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("q", q);
            values.put("from", from);
            values.put("to", to);
            values.put("type", type);
            values.put("retentionClass", retentionClass);
            values.put("owner", owner);
            values.put("sort", sort);
            values.put("order", order);
            values.put("page", page == 0 ? null : Integer.toString(page));
            return QueryString.of(values);
        }

        public boolean any() {
            return q != null || from != null || to != null || type != null || retentionClass != null || owner != null;
        }
    }

    private final PageContext pages;
    private final DocumentService documents;
    private final RetentionService retention;
    private final RetentionPolicy policy;
    private final AuditService audit;
    private final UploadConfig uploads;
    private final SecurityIdentity identity;
    private final CorrectionService corrections;

    public DocumentPages(PageContext pages, DocumentService documents, RetentionService retention,
            RetentionPolicy policy, AuditService audit, UploadConfig uploads, SecurityIdentity identity,
            CorrectionService corrections) {
        this.corrections = corrections;
        this.pages = pages;
        this.documents = documents;
        this.retention = retention;
        this.policy = policy;
        this.audit = audit;
        this.uploads = uploads;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(hidden = true)
    public Response list(RoutingContext rc, @RestQuery String q, @RestQuery String from, @RestQuery String to,
            @RestQuery String type, @RestQuery String retentionClass, @RestQuery String owner,
            @RestQuery String sort, @RestQuery String order, @RestQuery String page) {
        Viewer viewer = Viewer.of(identity);
        String sortKey = SORTS.containsKey(sort) ? sort : "uploaded";
        String direction = "asc".equals(order) ? "asc" : "desc";
        Filters filters = new Filters(QueryString.blankToNull(q), QueryString.blankToNull(from),
                QueryString.blankToNull(to), QueryString.blankToNull(type), QueryString.blankToNull(retentionClass),
                viewer.seesAll() ? QueryString.blankToNull(owner) : null, sortKey, direction);
        DocumentPage results = new DocumentPage(List.of(), 0, PAGE_SIZE, 0);
        String problem = null;
        int status = 200;
        try {
            DayRange days = DayRange.parse(filters.from(), filters.to());
            int pageNumber = pageNumber(page);
            results = documents.search(new DocumentQuery(filters.owner(), days.from(), days.to(), filters.type(),
                    filters.retentionClass(), filters.q(), sortKey, "asc".equals(direction), pageNumber, PAGE_SIZE),
                    viewer);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            status = 400;
        }
        Paging paging = new Paging(results.page(), results.size(), results.total(), results.items().size());
        TemplateInstance html = Templates.documents(pages.page(rc, "Documents", "documents"), filters, results, paging,
                problem,
                uploads.allowedTypes().stream().sorted().toList(), List.copyOf(policy.classes().keySet()), SORTS,
                viewer.seesAll());
        return Response.status(status).entity(html).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestPath String id, @RestQuery String done,
            @RestQuery String error, @RestQuery String detail) {
        DocumentView doc = documents.view(id, Viewer.of(identity));
        boolean auditor = identity.hasRole(Roles.AUDITOR);
        boolean mayDownload = auditor
                || (identity.hasRole(Roles.ANALYST) && doc.owner().equals(identity.getPrincipal().getName()));
        boolean mayHold = auditor || identity.hasRole(Roles.ADMIN);
        AuditPage events = auditor ? audit.query(new AuditFilter(null, null, null, null, id, null), 0, 100) : null;
        String notice = switch (done == null ? "" : done) {
            case "hold-set" -> "Legal hold set. The document cannot be disposed of until the hold is cleared.";
            case "hold-cleared" -> "Legal hold cleared. Retention still applies until the retain-until date.";
            case "corrected" -> "Fields saved. Search uses the new values; the extracted ones are kept.";
            default -> null;
        };
        String problem = switch (error == null ? "" : error) {
            case "reason" -> "Give a reason for the legal hold change (up to " + MAX_REASON + " characters); it goes into the audit trail.";
            case "fields" -> detail == null ? "The fields could not be saved." : "The fields could not be saved: " + detail;
            default -> null;
        };
        ReceiptFieldsView fields = mayDownload && ("EXTRACTED".equals(doc.metadataState())
                || "UNPARSEABLE".equals(doc.metadataState())) ? corrections.fields(id, Viewer.of(identity)) : null;
        return Templates.document(pages.page(rc, doc.originalFileName(), "documents"), doc, sidecar(doc),
                mayDownload, mayHold, events, notice, problem, fields, fields != null);
    }

    /** The document's metadata sidecar for display, or null when there is none (yet) this code can read. */
    private static Sidecar sidecar(DocumentView doc) {
        if (doc.metadata() == null) {
            return null;
        }
        try {
            return SidecarJson.read(doc.metadata());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    @POST
    @Path("{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(hidden = true)
    public Response legalHold(@RestPath String id, @RestForm String hold, @RestForm String reason) {
        String back = "/documents/" + QueryString.encode(id);
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            return Response.seeOther(URI.create(back + "?error=reason")).build();
        }
        boolean set = "true".equals(hold);
        retention.setLegalHold(id, set, reason.strip());
        return Response.seeOther(URI.create(back + "?done=" + (set ? "hold-set" : "hold-cleared"))).build();
    }

    /** The correction form: every field as typed; only the ones that differ from the value in effect are sent on. */
    @POST
    @Path("{id}/fields")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(hidden = true)
    public Response correct(@RestPath String id, @RestForm String vendor, @RestForm String date,
            @RestForm String total, @RestForm String currency, @RestForm String tax, @RestForm String number,
            @RestForm String paymentMethod, @RestForm String reason) {
        String back = "/documents/" + QueryString.encode(id);
        Viewer viewer = Viewer.of(identity);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("vendor", vendor);
        typed.put("date", date);
        typed.put("total", total);
        typed.put("currency", currency);
        typed.put("tax", tax);
        typed.put("number", number);
        typed.put("paymentMethod", paymentMethod);
        Map<String, String> changed = new LinkedHashMap<>();
        for (ReceiptFieldsView.Field f : corrections.fields(id, viewer).fields()) {
            String v = typed.get(f.field()) == null ? "" : typed.get(f.field()).strip();
            // A changed field is corrected; an unsure one saved unchanged is confirmed.
            if (!v.isEmpty() && (!v.equals(f.value()) || f.unsure())) {
                changed.put(f.field(), v);
            }
        }
        if (changed.isEmpty()) {
            return Response.seeOther(URI.create(back + "?error=fields&detail="
                    + QueryString.encode("nothing changed"))).build();
        }
        try {
            corrections.correct(id, new CorrectionRequest(changed, reason), viewer);
        } catch (ProblemException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.seeOther(URI.create(back + "?error=fields&detail=" + QueryString.encode(e.getMessage())))
                    .build();
        }
        return Response.seeOther(URI.create(back + "?done=corrected")).build();
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'page' must be a whole number, 0 or more");
        }
    }

    private static Map<String, String> sorts() {
        Map<String, String> sorts = new LinkedHashMap<>();
        sorts.put("uploaded", "Upload time");
        sorts.put("name", "Name");
        sorts.put("size", "Size");
        sorts.put("retainUntil", "Retain until");
        return sorts;
    }
}
