package dev.strongroom.catalog;

import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Finds documents for a viewer, auditing every search and view. */
@ApplicationScoped
public class DocumentService {

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
        DocumentQuery scoped = viewer.seesAll() ? query : query.ownedBy(viewer.name());
        DocumentPage page = engine.search(scoped).map(hits -> page(scoped, hits)).orElseGet(() -> catalogSearch(scoped));
        auditor.record("document.search", "documents", Auditor.SUCCESS, scoped.describe());
        return page;
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

    private static DocumentPage catalogSearch(DocumentQuery scoped) {
        Parameters params = new Parameters();
        String where = scoped.where(params);
        return QuarkusTransaction.requiringNew().call(() -> {
            var found = Document.<Document>find("from Document d where " + where + scoped.orderBy(), params);
            List<DocumentView> items = found.page(scoped.page(), scoped.size()).list().stream().map(DocumentView::of)
                    .toList();
            long total = Document.count("from Document d where " + where, params);
            return new DocumentPage(items, scoped.page(), scoped.size(), total);
        });
    }

    /** The document, or 404 when it does not exist or the viewer may not know it exists. */
    public Document find(String id, Viewer viewer) {
        Document document = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
        if (document == null || !viewer.sees(document)) {
            auditor.record("document.view", "document/" + id, Auditor.DENIED, Map.of("reason", "not found"));
            throw ProblemException.notFound("No document " + id);
        }
        return document;
    }

    public DocumentView view(String id, Viewer viewer) {
        Document document = find(id, viewer);
        auditor.record("document.view", "document/" + id, Auditor.SUCCESS, Map.of());
        return DocumentView.withMetadata(document);
    }

    /** The document whose contents the viewer wants; 403 for roles that see entries but not contents. */
    public Document forContent(String id, Viewer viewer) {
        Document document = find(id, viewer);
        if (!viewer.readsContentOf(document)) {
            auditor.record("document.download", "document/" + id, Auditor.DENIED,
                    Map.of("reason", "role may not read contents"));
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "Your roles let you see this document's catalog entry but not its contents", Map.of(), Map.of());
        }
        return document;
    }
}
