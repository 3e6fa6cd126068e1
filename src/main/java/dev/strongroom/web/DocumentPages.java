package dev.strongroom.web;

import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditPage;
import dev.strongroom.audit.AuditService;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.ContentService;
import dev.strongroom.catalog.DocumentEditor;
import dev.strongroom.catalog.DocumentFacetFilter;
import dev.strongroom.catalog.DocumentFacets;
import dev.strongroom.catalog.DocumentFields;
import dev.strongroom.catalog.DocumentPage;
import dev.strongroom.catalog.DocumentQuery;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.ReceiptFilter;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.QueryParams;
import dev.strongroom.ingest.UploadConfig;
import dev.strongroom.metadata.PreviewService;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.retention.RetentionPolicy;
import dev.strongroom.review.CorrectionRequest;
import dev.strongroom.review.CorrectionService;
import dev.strongroom.review.ReceiptFieldsView;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.http.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The documents list (the catalog search with filters, facets, thumbnails, saved views and bulk
 * actions) and one document's page, in sections: the viewer (PDFs and images, shown by the browser
 * from {@code /documents/{id}/view}), the catalog entry, what the document says, the owner's edit
 * form, same-bytes duplicates, the legal hold for auditors and admins, and for auditors the
 * document's audit events. Searches, views and edits are audited by the catalog services.
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
        static native TemplateInstance documents(Page page, Filters filters, DocumentPage results, List<Row> rows,
                Paging paging, String problem, List<String> types, List<String> retentionClasses,
                Map<String, String> sorts, boolean showOwner, DocumentFacets facets, List<SavedView> views,
                String notice);

        static native TemplateInstance document(Page page, DocumentView doc, Sidecar metadata, boolean mayDownload,
                boolean mayHold, AuditPage events, String notice, String problem, Viewing viewing, boolean mayEdit,
                List<DocumentView> duplicates, ReceiptFieldsView fields, boolean mayCorrect);
    }

    /** One row of the list: the document, and whether it has a thumbnail this viewer may see. */
    public record Row(DocumentView doc, boolean thumbnail) {
    }

    /** How the document page shows the document itself: a PDF in the browser's viewer, or an image. */
    public record Viewing(boolean pdf, boolean image) {
        public boolean any() {
            return pdf || image;
        }
    }

    /** The filter form's values as typed, kept for the form, the facet links and paging links. */
    public record Filters(String q, String from, String to, String type, String retentionClass, String owner,
            String tag, String hold, String backup, String vendor, String currency, String dateFrom, String dateTo,
            String totalMin, String totalMax, String sort, String order) {

        public String query(int page) {
            Map<String, String> values = values();
            values.put("page", page == 0 ? null : Integer.toString(page));
            return QueryString.of(values);
        }

        /** This list's query with one facet set to {@code value} (or cleared, when it is the one in force). */
        public String with(String facet, String value) {
            Map<String, String> values = values();
            values.put(facet, value.equals(values.get(facet)) ? null : value);
            return QueryString.of(values);
        }

        public boolean is(String facet, String value) {
            return value.equals(values().get(facet));
        }

        /** The query a saved view keeps: every filter and the order, not the page. */
        public String saved() {
            return query(0);
        }

        public boolean any() {
            return q != null || from != null || to != null || type != null || retentionClass != null || owner != null
                    || tag != null || hold != null || backup != null || vendor != null || currency != null
                    || dateFrom != null || dateTo != null || totalMin != null || totalMax != null;
        }

        private Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("q", q);
            values.put("from", from);
            values.put("to", to);
            values.put("type", type);
            values.put("retentionClass", retentionClass);
            values.put("owner", owner);
            values.put("tag", tag);
            values.put("hold", hold);
            values.put("backup", backup);
            values.put("vendor", vendor);
            values.put("currency", currency);
            values.put("dateFrom", dateFrom);
            values.put("dateTo", dateTo);
            values.put("totalMin", totalMin);
            values.put("totalMax", totalMax);
            values.put("sort", sort);
            values.put("order", order);
            return values;
        }

        DocumentFacetFilter facets() {
            return new DocumentFacetFilter(tag, hold == null ? null : "on".equals(hold),
                    backup == null ? null : BackupState.valueOf(backup));
        }

        /** The receipt filters; a malformed date, amount or currency is refused naming its field. */
        ReceiptFilter receipt() {
            return new ReceiptFilter(vendor, QueryParams.date("dateFrom", dateFrom), QueryParams.date("dateTo", dateTo),
                    QueryParams.amount("totalMin", totalMin), QueryParams.amount("totalMax", totalMax),
                    QueryParams.currency("currency", currency), null);
        }
    }

    private final PageContext pages;
    private final DocumentService documents;
    private final DocumentEditor editor;
    private final ContentService contents;
    private final PreviewService previews;
    private final RetentionService retention;
    private final RetentionPolicy policy;
    private final AuditService audit;
    private final UploadConfig uploads;
    private final SavedViews savedViews;
    private final SecurityIdentity identity;
    private final CorrectionService corrections;

    public DocumentPages(PageContext pages, DocumentService documents, DocumentEditor editor, ContentService contents,
            PreviewService previews, RetentionService retention, RetentionPolicy policy, AuditService audit,
            UploadConfig uploads, SavedViews savedViews, SecurityIdentity identity, CorrectionService corrections) {
        this.corrections = corrections;
        this.pages = pages;
        this.documents = documents;
        this.editor = editor;
        this.contents = contents;
        this.previews = previews;
        this.retention = retention;
        this.policy = policy;
        this.audit = audit;
        this.uploads = uploads;
        this.savedViews = savedViews;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(hidden = true)
    public Response list(RoutingContext rc, @RestQuery String q, @RestQuery String from, @RestQuery String to,
            @RestQuery String type, @RestQuery String retentionClass, @RestQuery String owner, @RestQuery String tag,
            @RestQuery String hold, @RestQuery String backup, @RestQuery String vendor, @RestQuery String currency,
            @RestQuery String dateFrom, @RestQuery String dateTo, @RestQuery String totalMin,
            @RestQuery String totalMax, @RestQuery String sort, @RestQuery String order, @RestQuery String page,
            @RestQuery String done) {
        Viewer viewer = Viewer.of(identity);
        String sortKey = SORTS.containsKey(sort) ? sort : QueryString.blankToNull(q) != null ? "relevance" : "uploaded";
        String direction = "asc".equals(order) ? "asc" : "desc";
        Filters filters = new Filters(QueryString.blankToNull(q), QueryString.blankToNull(from),
                QueryString.blankToNull(to), QueryString.blankToNull(type), QueryString.blankToNull(retentionClass),
                viewer.seesAll() ? QueryString.blankToNull(owner) : null, QueryString.blankToNull(tag),
                "on".equals(hold) || "off".equals(hold) ? hold : null, backupState(backup),
                QueryString.blankToNull(vendor), QueryString.blankToNull(currency), QueryString.blankToNull(dateFrom),
                QueryString.blankToNull(dateTo), QueryString.blankToNull(totalMin), QueryString.blankToNull(totalMax),
                sortKey, direction);
        DocumentPage results = new DocumentPage(List.of(), 0, PAGE_SIZE, 0);
        DocumentFacets facets = DocumentFacets.NONE;
        String problem = null;
        int status = 200;
        try {
            DayRange days = DayRange.parse(filters.from(), filters.to());
            DocumentQuery query = new DocumentQuery(filters.owner(), days.from(), days.to(), filters.type(),
                    filters.retentionClass(), filters.q(), sortKey, "asc".equals(direction), pageNumber(page),
                    PAGE_SIZE, filters.receipt(), false);
            results = documents.search(query, filters.facets(), viewer);
            facets = documents.facets(query, filters.facets(), viewer);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            status = 400;
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            problem = e.getMessage();
            status = 400;
        }
        List<Row> rows = results.items().stream()
                .map(d -> new Row(d, readsContent(d) && previews.exists(d.sha256()))).toList();
        Paging paging = new Paging(results.page(), results.size(), results.total(), results.items().size());
        TemplateInstance html = Templates.documents(pages.page(rc, "Documents", "documents"), filters, results, rows,
                paging, problem, uploads.allowedTypes().stream().sorted().toList(),
                List.copyOf(policy.classes().keySet()), SORTS, viewer.seesAll(), facets, savedViews.of(me()),
                BulkActions.notice(done));
        return Response.status(status).entity(html).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestPath String id, @RestQuery String done,
            @RestQuery String error, @RestQuery String detail) {
        String notice = switch (done == null ? "" : done) {
            case "hold-set" -> "Legal hold set. The document cannot be disposed of until the hold is cleared.";
            case "hold-cleared" -> "Legal hold cleared. Retention still applies until the retain-until date.";
            case "edited" -> "Description and tags saved. The change is recorded in the audit trail.";
            case "corrected" -> "Fields saved. Search uses the new values; the extracted ones are kept.";
            default -> null;
        };
        String problem = switch (error == null ? "" : error) {
            case "reason" -> "Give a reason for the legal hold change (up to " + MAX_REASON + " characters); it goes into the audit trail.";
            case "fields" -> detail == null ? "The fields could not be saved." : "The fields could not be saved: " + detail;
            default -> null;
        };
        return render(rc, id, notice, problem);
    }

    private TemplateInstance render(RoutingContext rc, String id, String notice, String problem) {
        DocumentView doc = documents.view(id, Viewer.of(identity));
        boolean auditor = identity.hasRole(Roles.AUDITOR);
        boolean mayDownload = readsContent(doc);
        boolean mayHold = auditor || identity.hasRole(Roles.ADMIN);
        boolean mayEdit = identity.hasRole(Roles.ANALYST) && doc.owner().equals(me()) && !doc.legalHold();
        AuditPage events = auditor ? audit.query(new AuditFilter(null, null, null, null, id, null), 0, 100) : null;
        Viewing viewing = new Viewing(mayDownload && "application/pdf".equals(doc.contentType()),
                mayDownload && ContentService.showable(doc.contentType()) && doc.contentType().startsWith("image/"));
        ReceiptFieldsView fields = mayDownload && (MetadataState.EXTRACTED.name().equals(doc.metadataState())
                || MetadataState.UNPARSEABLE.name().equals(doc.metadataState()))
                        ? corrections.fields(id, Viewer.of(identity)) : null;
        return Templates.document(pages.page(rc, doc.originalFileName(), "documents"), doc, sidecar(doc),
                mayDownload, mayHold, events, notice, problem, viewing, mayEdit,
                documents.sameBytes(doc.sha256(), doc.id(), Viewer.of(identity)), fields, fields != null);
    }

    /** The bytes for the page's viewer (PDF or image), inline; audited as a read. */
    @GET
    @Path("{id}/view")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(hidden = true)
    public Response view(@RestPath String id, @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam("Range") String range) {
        return contents.show(id, Viewer.of(identity), ifNoneMatch, range);
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Response edit(RoutingContext rc, @RestPath String id, @RestForm String description, @RestForm String tags) {
        try {
            editor.edit(id, description, DocumentFields.splitTags(tags), uploads.maxTags(), Viewer.of(identity));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Response.status(e.status())
                    .entity(render(rc, id, null, "Not saved: " + e.getMessage())).build();
        }
        return Response.seeOther(URI.create("/documents/" + QueryString.encode(id) + "?done=edited")).build();
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

    /** Analysts read their own documents' contents, auditors everyone's; ops and admins only the entries. */
    private boolean readsContent(DocumentView doc) {
        return identity.hasRole(Roles.AUDITOR) || (identity.hasRole(Roles.ANALYST) && doc.owner().equals(me()));
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    /** The backup facet when it names a backup state; anything else filters nothing, as an odd hold value does. */
    private static String backupState(String backup) {
        return Arrays.stream(BackupState.values()).map(Enum::name).filter(s -> s.equals(backup)).findFirst()
                .orElse(null);
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
            return QueryParams.withinReach(number, PAGE_SIZE, IllegalArgumentException::new);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'page' must be a whole number, 0 or more");
        }
    }

    private static Map<String, String> sorts() {
        Map<String, String> sorts = new LinkedHashMap<>();
        sorts.put("relevance", "Best match");
        sorts.put("uploaded", "Upload time");
        sorts.put("name", "Name");
        sorts.put("size", "Size");
        sorts.put("retainUntil", "Retain until");
        sorts.put("date", "Receipt date");
        sorts.put("total", "Receipt total");
        return sorts;
    }
}
