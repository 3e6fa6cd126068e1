package dev.strongroom.catalog;

import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Serves a document's bytes from the store: ETag is the SHA-256, {@code If-None-Match} gives 304,
 * one {@code Range} gives 206, and every read is audited. The file goes out by zero-copy send.
 */
@ApplicationScoped
public class ContentService {

    private final DocumentService documents;
    private final BlobStore store;
    private final Auditor auditor;

    public ContentService(DocumentService documents, BlobStore store, Auditor auditor) {
        this.documents = documents;
        this.store = store;
        this.auditor = auditor;
    }

    public Response download(String id, Viewer viewer, String ifNoneMatch, String range) {
        Document document = documents.forContent(id, viewer);
        String etag = "\"" + document.sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            auditor.record("document.download", "document/" + id, Auditor.SUCCESS, Map.of("status", 304));
            return Response.notModified().tag(document.sha256).build();
        }
        Path blob = store.pathOf(document.sha256);
        if (!Files.isRegularFile(blob)) {
            auditor.record("document.download", "document/" + id, Auditor.FAILURE, Map.of("reason", "blob missing"));
            throw new ProblemException(503, "content-unavailable", "Content unavailable",
                    "The stored copy of document " + id + " is missing from the data volume; ops can restore it",
                    Map.of(), Map.of());
        }
        long size = document.sizeBytes;
        ByteRange requested = ByteRange.parse(range, size);
        Map<String, Object> detail = new LinkedHashMap<>();
        Response.ResponseBuilder response;
        if (requested == ByteRange.UNSATISFIABLE) {
            detail.put("status", 416);
            auditor.record("document.download", "document/" + id, Auditor.REJECTED, detail);
            throw new ProblemException(416, "range-not-satisfiable", "Range not satisfiable",
                    "The document has " + size + " bytes; the requested range lies outside it",
                    Map.of("size", size), Map.of("Content-Range", "bytes */" + size));
        } else if (requested != null) {
            detail.put("status", 206);
            detail.put("range", requested.start() + "-" + requested.end());
            response = Response.status(206).entity(new PathPart(blob, requested.start(), requested.length()))
                    .header("Content-Range", "bytes " + requested.start() + "-" + requested.end() + "/" + size)
                    .header("Content-Length", requested.length());
        } else {
            detail.put("status", 200);
            response = Response.ok(blob).header("Content-Length", size);
        }
        auditor.record("document.download", "document/" + id, Auditor.SUCCESS, detail);
        return response.type(document.contentType).tag(document.sha256)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", ContentDisposition.attachment(document.fileName))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, no-cache")
                .build();
    }
}
