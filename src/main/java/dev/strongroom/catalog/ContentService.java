package dev.strongroom.catalog;

import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.UploadActivity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Serves a document's bytes from the store: ETag is the SHA-256, {@code If-None-Match} gives 304,
 * one {@code Range} gives 206, and every read is audited. The file goes out by zero-copy send. A blob
 * that is missing or fails its check is first repaired from the backup ({@link BlobRepair}).
 */
@ApplicationScoped
public class ContentService {

    private static final String MISSING = "missing";

    private final DocumentService documents;
    private final BlobStore store;
    private final Auditor auditor;
    private final BlobRepair repair;
    private final DownloadConfig config;
    private final UploadActivity transfers;
    private final CurrentVertxRequest request;
    private final VaultIdentity identity;

    public ContentService(DocumentService documents, BlobStore store, Auditor auditor, BlobRepair repair,
            DownloadConfig config, UploadActivity transfers, CurrentVertxRequest request, VaultIdentity identity) {
        this.documents = documents;
        this.store = store;
        this.auditor = auditor;
        this.repair = repair;
        this.config = config;
        this.transfers = transfers;
        this.request = request;
        this.identity = identity;
    }

    /** Why the local blob cannot be served as it is, or null when it can. */
    private String damage(Path blob, Document document) {
        try {
            if (!Files.isRegularFile(blob)) {
                return MISSING;
            }
            if (Files.size(blob) != document.sizeBytes) {
                return "corrupt (wrong size)";
            }
            if (document.sizeBytes <= config.verifyMaxBytes() && !document.sha256.equals(sha256(blob))) {
                return "corrupt (checksum mismatch)";
            }
            return null;
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Counts the response as a running transfer until it has been sent (or the client has gone), so
     * that background work such as metadata extraction leaves the cores to it.
     */
    private void whileSending() {
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return;
        }
        transfers.downloadStarted();
        rc.addEndHandler(ended -> transfers.downloadEnded());
    }

    public Response download(String id, Viewer viewer, String ifNoneMatch, String range) {
        return serve(id, viewer, ifNoneMatch, range, false);
    }

    /**
     * The bytes to show inside a page (the document page's viewer): PDFs and images only, with an
     * inline disposition, framable by the vault's own pages and nobody else's. Audited as a read like a
     * download, with {@code inline} in its detail.
     */
    public Response show(String id, Viewer viewer, String ifNoneMatch, String range) {
        return serve(id, viewer, ifNoneMatch, range, true);
    }

    /** A document's readable bytes and its name, for a bulk download. */
    public record Readable(String id, String fileName, Path blob) {
    }

    /**
     * The verified (or repaired) local bytes of a document the viewer may read, for a download that
     * packs several documents; audited as a download with {@code how} in its detail.
     */
    public Readable readable(String id, Viewer viewer, String how) {
        Document document = documents.forContent(id, viewer);
        Path blob = store.pathOf(document.sha256);
        String damage = damage(blob, document);
        if (damage != null && !repair.repair(DocumentBlob.of(document), damage)) {
            auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.FAILURE, Map.of("reason", damage, "as", how));
            throw unavailable(document, damage);
        }
        auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.SUCCESS,
                damage == null ? Map.of("as", how) : Map.of("as", how, "repaired", damage));
        return new Readable(document.id, document.fileName, blob);
    }

    /**
     * Why the bytes cannot be served. A document another host received and has not backed up yet was never on
     * this volume: that is no damage, and the answer names the host that has it and when this one can serve it.
     */
    private ProblemException unavailable(Document document, String damage) {
        if (MISSING.equals(damage) && document.storedOn != null && !document.storedOn.equals(identity.hostId())) {
            return new ProblemException(503, ProblemType.DOCUMENT_ON_ANOTHER_HOST, "Document on another host",
                    "Document " + document.id + " was uploaded to host " + document.storedOn
                            + " and is not backed up yet; this host serves it once that host's next backup run has "
                            + "confirmed it in the bucket, or ask host " + document.storedOn + " now",
                    Map.of("host", document.storedOn), Map.of("Retry-After", "60"));
        }
        return new ProblemException(503, ProblemType.CONTENT_UNAVAILABLE, "Content unavailable",
                "The stored copy of document " + document.id + " is " + damage
                        + " on the data volume and could not be repaired from the backup; ops can restore it",
                Map.of(), Map.of());
    }

    /** Types the browser shows itself: its PDF viewer, or an image. */
    public static boolean showable(String contentType) {
        return "application/pdf".equals(contentType) || INLINE_IMAGES.contains(contentType);
    }

    private static final java.util.Set<String> INLINE_IMAGES = java.util.Set.of("image/png", "image/jpeg", "image/gif",
            "image/webp");

    private Response serve(String id, Viewer viewer, String ifNoneMatch, String range, boolean inline) {
        Document document = documents.forContent(id, viewer);
        if (inline && !showable(document.contentType)) {
            throw new ProblemException(415, ProblemType.NOT_SHOWABLE, "Not shown in the page",
                    "Document " + id + " is " + document.contentType + "; the page shows PDFs and images, download it "
                            + "to open it", Map.of(), Map.of());
        }
        String etag = "\"" + document.sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.SUCCESS, Map.of("status", 304));
            return Response.notModified().tag(document.sha256).build();
        }
        Path blob = store.pathOf(document.sha256);
        String damage = damage(blob, document);
        if (damage != null && !repair.repair(DocumentBlob.of(document), damage)) {
            auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.FAILURE, Map.of("reason", damage));
            throw unavailable(document, damage);
        }
        long size = document.sizeBytes;
        ByteRange requested = ByteRange.parse(range, size);
        Map<String, Object> detail = new LinkedHashMap<>();
        if (inline) {
            detail.put("inline", true);
        }
        Response.ResponseBuilder response;
        if (requested == ByteRange.UNSATISFIABLE) {
            detail.put("status", 416);
            auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.REJECTED, detail);
            throw new ProblemException(416, ProblemType.RANGE_NOT_SATISFIABLE, "Range not satisfiable",
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
        if (damage != null) {
            detail.put("repaired", damage);
        }
        auditor.record(DocumentAction.DOWNLOAD, "document/" + id, Outcome.SUCCESS, detail);
        whileSending();
        return response.type(document.contentType).tag(document.sha256)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", inline ? ContentDisposition.inline(document.fileName)
                        : ContentDisposition.attachment(document.fileName))
                .header("X-Content-Type-Options", "nosniff")
                // Chromium's PDF viewer does not run in a sandboxed document; a PDF shown inline is
                // framed by the vault's own pages only, and no script of the document's runs in them.
                .header("Content-Security-Policy", !inline ? "sandbox"
                        : "application/pdf".equals(document.contentType)
                                ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; sandbox")
                .header("X-Frame-Options", inline ? "SAMEORIGIN" : "DENY")
                .header("Cache-Control", "private, no-cache")
                .build();
    }
}
