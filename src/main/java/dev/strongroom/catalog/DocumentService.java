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

    private final Auditor auditor;

    public DocumentService(Auditor auditor) {
        this.auditor = auditor;
    }

    public DocumentPage search(DocumentQuery query, Viewer viewer) {
        DocumentQuery scoped = viewer.seesAll() ? query
                : new DocumentQuery(viewer.name(), query.from(), query.to(), query.contentType(),
                        query.retentionClass(), query.text(), query.sort(), query.ascending(), query.page(),
                        query.size());
        Parameters params = new Parameters();
        String where = scoped.where(params);
        DocumentPage page = QuarkusTransaction.requiringNew().call(() -> {
            var found = Document.<Document>find("from Document d where " + where + scoped.orderBy(), params);
            List<DocumentView> items = found.page(scoped.page(), scoped.size()).list().stream().map(DocumentView::of)
                    .toList();
            long total = Document.count("from Document d where " + where, params);
            return new DocumentPage(items, scoped.page(), scoped.size(), total);
        });
        auditor.record("document.search", "documents", Auditor.SUCCESS, scoped.describe());
        return page;
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
