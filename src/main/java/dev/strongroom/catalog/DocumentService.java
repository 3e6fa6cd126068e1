package dev.strongroom.catalog;

import dev.strongroom.audit.AuditAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds documents for a viewer, auditing every search and view. */
@ApplicationScoped
public class DocumentService {

    static final int FACET_TAGS = 15;
    static final int FACET_VENDORS = 15;

    private final Auditor auditor;
    private final DocumentSearch engine;

    public DocumentService(Auditor auditor, DocumentSearch engine) {
        this.auditor = auditor;
        this.engine = engine;
    }

    /**
     * Searches with the search engine, and with the catalog's own SQL while the engine cannot answer
     * (its index being rebuilt, or search switched off). Either way the documents come from the catalog.
     */
    public DocumentPage search(DocumentQuery query, Viewer viewer) {
        return search(query, DocumentFacetFilter.NONE, viewer);
    }

    /**
     * As {@link #search(DocumentQuery, Viewer)}, narrowed by the list page's facets. The search index
     * knows tags but not legal hold or backup state (they change without a re-index), so a search
     * narrowed by either is answered by the catalog's SQL.
     */
    public DocumentPage search(DocumentQuery query, DocumentFacetFilter facets, Viewer viewer) {
        DocumentQuery scoped = scoped(query, viewer);
        DocumentPage page = engineSearch(scoped, facets).map(hits -> page(scoped, hits))
                .orElseGet(() -> catalogSearch(scoped, facets));
        Map<String, String> detail = scoped.describe();
        facets.describe(detail);
        auditor.record(DocumentAction.SEARCH, "documents", Outcome.SUCCESS, detail);
        return page;
    }

    private Optional<DocumentSearch.Hits> engineSearch(DocumentQuery scoped, DocumentFacetFilter facets) {
        if (facets.legalHold() != null || facets.backupState() != null) {
            return Optional.empty();
        }
        if (facets.tag() == null) {
            return engine.search(scoped);
        }
        String tag = scoped.receipt().tag();
        return tag == null || tag.equals(facets.tag()) ? engine.search(scoped.withTag(facets.tag()))
                : Optional.empty();
    }

    private static DocumentPage page(DocumentQuery query, DocumentSearch.Hits hits) {
        List<DocumentView> items = QuarkusTransaction.requiringNew().call(() -> {
            if (hits.ids().isEmpty()) {
                return List.<DocumentView>of();
            }
            Map<String, Document> found = new java.util.HashMap<>();
            Document.<Document>list("id in ?1", hits.ids()).forEach(d -> found.put(d.id, d));
            // A document disposed of since it was indexed is left out; the indexer removes its entry.
            return hits.ids().stream().map(found::get).filter(java.util.Objects::nonNull).map(DocumentView::of)
                    .toList();
        });
        return new DocumentPage(items, query.page(), query.size(), hits.total(), hits.facets(),
                hits.pending() > 0 ? hits.pending() : null);
    }

    private static DocumentPage catalogSearch(DocumentQuery scoped, DocumentFacetFilter facets) {
        Parameters params = new Parameters();
        String where = where(scoped, facets, params);
        return QuarkusTransaction.requiringNew().call(() -> {
            var found = Document.<Document>find("from Document d where " + where + scoped.orderBy(), params);
            List<DocumentView> items = found.page(scoped.page(), scoped.size()).list().stream().map(DocumentView::of)
                    .toList();
            long total = Document.count("from Document d where " + where, params);
            return new DocumentPage(items, scoped.page(), scoped.size(), total);
        });
    }

    /**
     * How the documents a search finds divide by type, retention class, tag (the most used
     * {@value #FACET_TAGS}), legal hold, backup state, receipt vendor (the {@value #FACET_VENDORS} with most
     * documents) and receipt currency. Read with the search it belongs to, which
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
                counts("d.backupState", "from Document d", where, params, 5),
                counts("d.metadataVendor", "from Document d", "(" + where + ") and d.metadataVendor is not null",
                        params, FACET_VENDORS),
                counts("d.receiptCurrency", "from Document d", "(" + where + ") and d.receiptCurrency is not null",
                        params, 20)));
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
        return viewer.seesAll() ? query : query.ownedBy(viewer.name());
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
        return find(id, viewer, DocumentAction.VIEW);
    }

    /**
     * As {@link #find(String, Viewer)}, with a refusal audited as {@code action}: what the viewer was
     * trying to do (a download, a receipt), so the trail says which access was refused.
     */
    public Document find(String id, Viewer viewer, AuditAction action) {
        Document document = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
        if (document == null || !viewer.sees(document)) {
            auditor.record(action, "document/" + id, Outcome.DENIED, Map.of("reason", "not found"));
            throw ProblemException.notFound("No document " + id);
        }
        return document;
    }

    /**
     * As {@link #find(String, Viewer, AuditAction)}, as the entry the API shows (without the sidecar). Not
     * audited on success: the caller records what it did with it.
     */
    public DocumentView entry(String id, Viewer viewer, AuditAction action) {
        return DocumentView.of(find(id, viewer, action));
    }

    public DocumentView view(String id, Viewer viewer) {
        Document document = find(id, viewer);
        auditor.record(DocumentAction.VIEW, "document/" + id, Outcome.SUCCESS, Map.of());
        return DocumentView.withMetadata(document);
    }

    /**
     * As {@link #forContent(String, Viewer)}, as the entry with its metadata sidecar: what a capability
     * working on the contents (previews, receipt corrections) reads.
     */
    public DocumentView contentEntry(String id, Viewer viewer) {
        return DocumentView.withMetadata(forContent(id, viewer));
    }

    /** The document whose contents the viewer wants; 403 for roles that see entries but not contents. */
    public Document forContent(String id, Viewer viewer) {
        Document document = find(id, viewer, DocumentAction.DOWNLOAD);
        if (!viewer.readsContentOf(document)) {
            auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.DENIED,
                    Map.of("reason", "role may not read contents"));
            throw new ProblemException(403, ProblemType.FORBIDDEN, "Forbidden",
                    "Your roles let you see this document's catalog entry but not its contents", Map.of(), Map.of());
        }
        return document;
    }
}
