package dev.strongroom.metadata;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Serves a document's preview to whoever may read its contents (a preview shows them): the owning
 * analyst and auditors. Every view is audited like a download.
 */
@ApplicationScoped
public class PreviewService {

    private final DocumentService documents;
    private final PreviewStore previews;
    private final Auditor auditor;

    public PreviewService(DocumentService documents, PreviewStore previews, Auditor auditor) {
        this.documents = documents;
        this.previews = previews;
        this.auditor = auditor;
    }

    /** Whether the bytes with this SHA-256 have a preview, so a list shows a thumbnail only where there is one. */
    public boolean exists(String sha256) {
        return previews.find(sha256).isPresent();
    }

    public Response preview(String id, Viewer viewer) {
        DocumentView document = documents.contentEntry(id, viewer);
        Optional<Path> png = previews.find(document.sha256());
        if (png.isEmpty()) {
            MetadataState state = MetadataState.valueOf(document.metadataState());
            String why = state == MetadataState.PENDING || state == MetadataState.DEFERRED
                            ? "its metadata has not been extracted yet; try again later"
                            : "previews exist for PDFs and images that could be parsed";
            auditor.record(MetadataAction.PREVIEW, "document/" + id, Outcome.REJECTED, Map.of("reason", "no preview"));
            throw new ProblemException(404, ProblemType.NO_PREVIEW, "No preview",
                    "Document " + id + " has no preview: " + why,
                    Map.of("metadataState", document.metadataState()), Map.of());
        }
        auditor.record(MetadataAction.PREVIEW, "document/" + id, Outcome.SUCCESS, Map.of());
        return Response.ok(png.get()).type("image/png").tag("preview-" + document.sha256())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache")
                .build();
    }
}
