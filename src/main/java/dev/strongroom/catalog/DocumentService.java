package dev.strongroom.catalog;

import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds documents for a viewer, auditing every search and view. */
@ApplicationScoped
public class DocumentService {

    static final int FACET_TAGS = 15;
    static final String VIEW = "document.view";
    static final String DOWNLOAD = "document.download";

    private final Auditor auditor;

    public DocumentService(Auditor auditor) {
        this.auditor = auditor;
    }

    public DocumentPage search(DocumentQuery query, Viewer viewer) {
        return search(query, DocumentFacetFilter.NONE, viewer);
    }

    /** As {@link #search(DocumentQuery, Viewer)}, narrowed by the list page's facets. */
    public DocumentPage search(DocumentQuery query, DocumentFacetFilter facets, Viewer viewer) {
        DocumentQuery scoped = scoped(query, viewer);
        Parameters params = new Parameters();
        String where = where(scoped, facets, params);
        DocumentPage page = QuarkusTransaction.requiringNew().call(() -> {
            var found = Document.<Document>find("from Document d where " + where + scoped.orderBy(), params);
            List<DocumentView> items = found.page(scoped.page(), scoped.size()).list().stream().map(DocumentView::of)
                    .toList();
            long total = Document.count("from Document d where " + where, params);
            return new DocumentPage(items, scoped.page(), scoped.size(), total);
        });
        Map<String, String> detail = scoped.describe();
        facets.describe(detail);
        auditor.record("document.search", "documents", Auditor.SUCCESS, detail);
        return page;
    }

    /**
     * How the documents a search finds divide by type, retention class, tag (the most used
     * {@value #FACET_TAGS}), legal hold and backup state. Read with the search it belongs to, which
     * is audited; this adds no event of its own.
     */
    public DocumentFacets facets(DocumentQuery query, DocumentFacetFilter facets, Viewer viewer) {
        DocumentQuery scoped = scoped(query, viewer);
        Parameters params = new Parameters();
        String where = where(scoped, facets, params);
        return QuarkusTransaction.requiringNew().call(() -> new DocumentFacets(
                counts("d.contentType", "from Document d", where, params, 20),
                counts("d.retentionClass", "from Document d", where, params, 20),
                counts("t", "from Document d join d.tags t", where, params, FACET_TAGS),
                counts("d.legalHold", "from Document d", where, params, 2),
                counts("d.backupState", "from Document d", where, params, 5)));
    }

    private static List<DocumentFacets.Count> counts(String field, String from, String where, Parameters params,
            int limit) {
        var query = Document.getEntityManager().createQuery("select " + field + ", count(d) " + from + " where "
                + where + " group by " + field + " order by count(d) desc, " + field, Object[].class);
        params.map().forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList().stream()
                .map(row -> new DocumentFacets.Count(String.valueOf(row[0]), ((Number) row[1]).longValue())).toList();
    }

    /**
     * The other documents with exactly these bytes that the viewer may see (an analyst: their own),
     * oldest first: what an upload of the same file again duplicates.
     */
    public List<DocumentView> sameBytes(String sha256, String exceptId, Viewer viewer) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>list(
                "sha256 = ?1 and id <> ?2 order by uploadedAt", sha256, exceptId).stream().filter(viewer::sees)
                .map(DocumentView::of).toList());
    }

    private static DocumentQuery scoped(DocumentQuery query, Viewer viewer) {
        return viewer.seesAll() ? query
                : new DocumentQuery(viewer.name(), query.from(), query.to(), query.contentType(),
                        query.retentionClass(), query.text(), query.sort(), query.ascending(), query.page(),
                        query.size());
    }

    private static String where(DocumentQuery query, DocumentFacetFilter facets, Parameters params) {
        String where = query.where(params);
        String more = facets.where(params);
        return more == null ? where : "(" + where + ") and " + more;
    }

    /**
     * Catalog entries by id for a viewer who sees every entry (an admin's disposal list names what each
     * request is about); ids of documents that no longer exist are absent. Not audited: the page that
     * shows them is, and opening one is a view.
     */
    public Map<String, DocumentView> entries(Collection<String> ids, Viewer viewer) {
        if (ids.isEmpty() || !viewer.seesAll()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>list("id in ?1", List.copyOf(ids))
                .stream().collect(Collectors.toMap(d -> d.id, DocumentView::of)));
    }

    /** The document, or 404 when it does not exist or the viewer may not know it exists. */
    public Document find(String id, Viewer viewer) {
        return find(id, viewer, VIEW);
    }

    /**
     * As {@link #find(String, Viewer)}, with a refusal audited as {@code action}: what the viewer was
     * trying to do (a download, a receipt), so the trail says which access was refused.
     */
    public Document find(String id, Viewer viewer, String action) {
        Document document = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
        if (document == null || !viewer.sees(document)) {
            auditor.record(action, "document/" + id, Auditor.DENIED, Map.of("reason", "not found"));
            throw ProblemException.notFound("No document " + id);
        }
        return document;
    }

    public DocumentView view(String id, Viewer viewer) {
        Document document = find(id, viewer);
        auditor.record(VIEW, "document/" + id, Auditor.SUCCESS, Map.of());
        return DocumentView.withMetadata(document);
    }

    /** The document whose contents the viewer wants; 403 for roles that see entries but not contents. */
    public Document forContent(String id, Viewer viewer) {
        Document document = find(id, viewer, DOWNLOAD);
        if (!viewer.readsContentOf(document)) {
            auditor.record(DOWNLOAD, "document/" + id, Auditor.DENIED,
                    Map.of("reason", "role may not read contents"));
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "Your roles let you see this document's catalog entry but not its contents", Map.of(), Map.of());
        }
        return document;
    }
}
