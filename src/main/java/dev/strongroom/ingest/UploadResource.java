package dev.strongroom.ingest;

import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The document API's deposit side: uploads (the file as the body, or a browser's multipart form) and the
 * signed deposit receipt. Shares {@code /api/documents} with {@code catalog.DocumentResource}.
 */
@Path("/api/documents")
@Tag(name = "Documents")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private final UploadService uploads;
    private final DocumentService documents;
    private final ReceiptService receipts;
    private final SecurityIdentity identity;

    public UploadResource(UploadService uploads, DocumentService documents, ReceiptService receipts,
            SecurityIdentity identity) {
        this.uploads = uploads;
        this.documents = documents;
        this.receipts = receipts;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ANALYST)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a document: the file as the body (for scripts)",
            description = "The request body is the file itself, streamed to the data volume and fsynced before the "
                    + "201; its name and the optional fields go in the query. Any Content-Type but "
                    + "multipart/form-data (the stored type is detected from the bytes). Optional Content-Digest: "
                    + "sha-256=:<base64>: or x-checksum-sha256 (hex or base64) of the file. Example: curl -u "
                    + "user:password --data-binary @receipt.pdf -H 'Content-Type: application/octet-stream' "
                    + "'https://vault.example/api/documents?name=receipt.pdf&tags=travel'. The same endpoint takes "
                    + "a browser's multipart form: a part 'file' and optional 'retentionClass', 'description', "
                    + "'tags' (comma-separated).")
    @RequestBody(description = "The file's bytes, or a multipart form with a part 'file'", content = {
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = UploadForm.class)) })
    @APIResponse(responseCode = "201", description = "Stored durably; body has the document, a signed deposit receipt "
            + "and 'duplicates': the uploader's other documents with the same bytes (empty when none)")
    @APIResponse(responseCode = "400", description = "No name, empty file, no file part, malformed body or invalid field")
    @APIResponse(responseCode = "413", description = "File larger than the configured limit")
    @APIResponse(responseCode = "415", description = "Detected file type is not on the allow-list")
    @APIResponse(responseCode = "422", description = "The file does not match the client's digest")
    @APIResponse(responseCode = "408", description = "The upload arrived slower than the minimum rate")
    @APIResponse(responseCode = "503", description = "The data volume or the catalog could not be written, or the signing "
            + "key is missing (signing-key-missing); nothing was stored")
    @APIResponse(responseCode = "507", description = "The data volume is full; nothing was stored")
    public Response uploadBody(InputStream body,
            @QueryParam("name") @Parameter(description = "The file's name (required)", required = true) String name,
            @QueryParam("retentionClass") @Parameter(description = "Retention class; the policy's default when absent") String retentionClass,
            @QueryParam("description") String description,
            @QueryParam("tags") @Parameter(description = "Tags, comma-separated or repeated") List<String> tags,
            @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength,
            @HeaderParam("Content-Digest") String contentDigest,
            @HeaderParam("x-checksum-sha256") String checksumSha256, UriInfo uri) {
        UploadFields fields = new UploadFields(name, retentionClass, description, tags.stream()
                .flatMap(t -> Arrays.stream(t.split(","))).map(String::strip).filter(t -> !t.isEmpty()).toList());
        return created(uploads.upload(UploadRequest.rawBody(body, contentLength, contentDigest, checksumSha256, fields),
                identity.getPrincipal().getName()), uri);
    }

    /** The browser's form; documented with {@link #uploadBody}, which shares the path and the answers. */
    @POST
    @RolesAllowed(Roles.ANALYST)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(InputStream body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength,
            @HeaderParam("Content-Digest") String contentDigest,
            @HeaderParam("x-checksum-sha256") String checksumSha256, UriInfo uri) {
        return created(uploads.upload(UploadRequest.multipart(body, contentType, contentLength, contentDigest,
                checksumSha256), identity.getPrincipal().getName()), uri);
    }

    private Response created(UploadResult result, UriInfo uri) {
        Map<String, Object> entity = new LinkedHashMap<>();
        DocumentView d = result.document();
        entity.put("id", d.id());
        entity.put("sha256", d.sha256());
        entity.put("size", d.size());
        entity.put("contentType", d.contentType());
        entity.put("fileName", d.fileName());
        entity.put("originalFileName", d.originalFileName());
        entity.put("retentionClass", d.retentionClass());
        entity.put("retainUntil", d.retainUntil());
        entity.put("uploadedAt", d.uploadedAt());
        entity.put("owner", d.owner());
        entity.put("receipt", result.receipt());
        // The same bytes already in the vault under the uploader's eyes: stored again all the same (each
        // upload is its own record), but said, so a person can see they filed it twice. Bytes new to the store
        // belong to no other document (a blob is removed only when no document has it), so most uploads skip the
        // catalog query.
        entity.put("duplicates", !result.bytesAlreadyStored() ? List.of()
                : documents.sameBytes(d.sha256(), d.id(), Viewer.of(identity)).stream()
                        .map(same -> Map.of("id", same.id(), "originalFileName", same.originalFileName(),
                                "uploadedAt", same.uploadedAt().toString()))
                        .toList());
        return Response.created(uri.getAbsolutePathBuilder().path(d.id()).build()).entity(entity).build();
    }

    /** The multipart form's parts, for the API reference. */
    @Schema(name = "UploadForm")
    public record UploadForm(@Schema(type = SchemaType.STRING, format = "binary", required = true) String file,
            String retentionClass, String description,
            @Schema(description = "Comma-separated") String tags) {
    }

    @GET
    @Path("{id}/receipt")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "The document's signed deposit receipt",
            description = "Signed with the vault's current key, which it names (keyId): identical to the one given at "
                    + "upload unless the key was rotated since, and verifiable against /.well-known/strongroom-keys.json "
                    + "either way. Audited (receipt.view).")
    @APIResponse(responseCode = "200", description = "The receipt")
    @APIResponse(responseCode = "404", description = "No such document, or not yours")
    @APIResponse(responseCode = "503", description = "The vault's signing key is missing: it signs nothing until the key "
            + "is restored or rotated (signing-key-missing)")
    public DepositReceipt receipt(@PathParam("id") String id) {
        return receipts.issue(id, Viewer.of(identity));
    }
}
