package dev.strongroom.catalog;

import dev.strongroom.http.QueryParams;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The document API's reading side: search, one document, its content. Uploads and receipts are
 * {@code ingest.UploadResource}'s, legal hold and disposal requests {@code retention.DocumentRetentionResource}'s,
 * on the same path: each capability answers for its own operations.
 */
@Path("/api/documents")
@Tag(name = "Documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentService documents;
    private final ContentService contents;
    private final SecurityIdentity identity;

    public DocumentResource(DocumentService documents, ContentService contents, SecurityIdentity identity) {
        this.documents = documents;
        this.contents = contents;
        this.identity = identity;
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
}
