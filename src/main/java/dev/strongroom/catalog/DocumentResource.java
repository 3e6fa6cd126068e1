package dev.strongroom.catalog;

import dev.strongroom.http.QueryParams;
import dev.strongroom.ingest.DepositReceipt;
import dev.strongroom.ingest.UploadFields;
import dev.strongroom.ingest.ReceiptService;
import dev.strongroom.ingest.UploadRequest;
import dev.strongroom.ingest.UploadResult;
import dev.strongroom.ingest.UploadService;
import dev.strongroom.retention.DisposalView;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The document API: upload, search, read, receipts, legal hold and deletion requests. */
@Path("/api/documents")
@Tag(name = "Documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final UploadService uploads;
    private final DocumentService documents;
    private final ContentService contents;
    private final RetentionService retention;
    private final ReceiptService receipts;
    private final SecurityIdentity identity;

    public DocumentResource(UploadService uploads, DocumentService documents, ContentService contents,
            RetentionService retention, ReceiptService receipts, SecurityIdentity identity) {
        this.uploads = uploads;
        this.documents = documents;
        this.contents = contents;
        this.retention = retention;
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
        // upload is its own record), but said, so a person can see they filed it twice.
        entity.put("duplicates", documents.sameBytes(d.sha256(), d.id(), Viewer.of(identity)).stream()
                .map(same -> Map.of("id", same.id(), "originalFileName", same.originalFileName(), "uploadedAt",
                        same.uploadedAt().toString()))
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
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Search documents", description = "Full-text search over the whole text of every document "
            + "(folded: accents and case do not matter; stemmed where the language is known), with filters on "
            + "the receipt fields in effect (extracted or corrected). Analysts see only their own documents. "
            + "docs/search.md describes the query language.")
    @APIResponse(responseCode = "200", description = "One page of documents, best match first when there is text")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    public DocumentPage search(@QueryParam("q") @Parameter(description = "Words (all must match), \"a phrase\", "
            + "-excluded, prefix*, or an amount (1893.4 finds 1,893.40); matched against file name, description, "
            + "tags, title, author, vendor and the whole text") String q,
            @QueryParam("owner") String owner, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("type") String type, @QueryParam("retentionClass") String retentionClass,
            @QueryParam("vendor") @Parameter(description = "Receipt vendor, without regard to case or accents") String vendor,
            @QueryParam("dateFrom") @Parameter(description = "Receipt date on or after (yyyy-mm-dd)") String dateFrom,
            @QueryParam("dateTo") @Parameter(description = "Receipt date on or before (yyyy-mm-dd)") String dateTo,
            @QueryParam("totalMin") @Parameter(description = "Receipt total at least") String totalMin,
            @QueryParam("totalMax") @Parameter(description = "Receipt total at most") String totalMax,
            @QueryParam("currency") @Parameter(description = "ISO 4217 code of the receipt's currency") String currency,
            @QueryParam("tag") @Parameter(description = "A tag the document carries") String tag,
            @QueryParam("facets") @DefaultValue("false") @Parameter(description = "Also count documents per vendor, "
                    + "currency, type and tag") String facets,
            @QueryParam("sort") @Parameter(description = "relevance (default with q), uploaded (default without), name, "
                    + "size, retainUntil, date or total") String sort,
            @QueryParam("order") @DefaultValue("desc") String order,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        int pageSize = QueryParams.size(size, 200);
        ReceiptFilter receipt = new ReceiptFilter(QueryParams.text(vendor), QueryParams.date("dateFrom", dateFrom),
                QueryParams.date("dateTo", dateTo), QueryParams.amount("totalMin", totalMin),
                QueryParams.amount("totalMax", totalMax), QueryParams.currency("currency", currency),
                QueryParams.text(tag));
        DocumentQuery query = new DocumentQuery(QueryParams.text(owner), QueryParams.instant("from", from),
                QueryParams.instant("to", to), QueryParams.text(type), QueryParams.text(retentionClass),
                QueryParams.text(q), sort == null || sort.isBlank() ? null
                        : QueryParams.oneOf("sort", sort, DocumentQuery.SORTS.keySet()),
                "asc".equals(QueryParams.oneOf("order", order, Set.of("asc", "desc"))),
                QueryParams.page(page, pageSize), pageSize, receipt,
                "true".equals(QueryParams.oneOf("facets", facets, Set.of("true", "false"))));
        return documents.search(query, Viewer.of(identity));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "One document's catalog entry",
            description = "With its metadata sidecar once extracted (metadataState EXTRACTED, UNPARSEABLE or DEFERRED).")
    @APIResponse(responseCode = "200", description = "The document")
    @APIResponse(responseCode = "404", description = "No such document, or not yours")
    public DocumentView get(@PathParam("id") String id) {
        return documents.view(id, Viewer.of(identity));
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(summary = "Download a document", description = "ETag is the SHA-256; supports If-None-Match and one Range.")
    @APIResponse(responseCode = "200", description = "The bytes")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such document, or not yours")
    @APIResponse(responseCode = "416", description = "Range outside the document")
    public Response content(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam("Range") String range) {
        return contents.download(id, Viewer.of(identity), ifNoneMatch, range);
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

    @PUT
    @Path("{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Set or clear a legal hold")
    @APIResponse(responseCode = "200", description = "The document with its new hold state")
    @APIResponse(responseCode = "404", description = "No such document")
    public DocumentView legalHold(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body {\"hold\": true|false, \"reason\": \"...\"} is required") LegalHoldChange change) {
        return retention.setLegalHold(id, change.hold(), change.reason());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Request disposal of a document past retention",
            description = "Needs a reason (query parameter). A different admin approves via /api/disposals/{id}/approve.")
    @APIResponse(responseCode = "202", description = "Disposal requested, waiting for a second admin")
    @APIResponse(responseCode = "404", description = "No such document")
    @APIResponse(responseCode = "409", description = "Retention has not ended, or the document is under legal hold")
    public Response delete(@PathParam("id") String id,
            @QueryParam("reason") @NotNull(message = "a reason is required") @Size(min = 3, max = 2000, message = "must be 3 to 2000 characters") String reason) {
        DisposalView request = retention.requestDisposal(id, identity.getPrincipal().getName(), reason);
        return Response.accepted(request).build();
    }

    /** Body of the legal hold call. */
    public record LegalHoldChange(@NotNull(message = "is required") Boolean hold,
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}
