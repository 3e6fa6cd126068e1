package dev.strongroom.examiner;

import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit package of a period, one download for an outside examiner (docs/audit-package.md). */
@Path("/api/audit/package")
@Tag(name = "Audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditPackageResource {

    private final AuditPackage packages;
    private final SecurityIdentity identity;

    public AuditPackageResource(AuditPackage packages, SecurityIdentity identity) {
        this.packages = packages;
        this.identity = identity;
    }

    @GET
    @Produces("application/zip")
    @Operation(summary = "The audit package of a period: documents, metadata, receipts, the signed trail, digests and "
            + "keys, with a README and verify.sh that check it with openssl, sha256sum and jq only")
    @APIResponse(responseCode = "200", description = "The package (zip), streamed")
    @APIResponse(responseCode = "400", description = "from or to missing or malformed, or from not before to")
    @APIResponse(responseCode = "503", description = "The signing key is missing (signing-key-missing)")
    public Response download(@QueryParam("from") String from, @QueryParam("to") String to) throws IOException {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (start == null || end == null) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER,
                    "An audit package covers a period: give both from and to (ISO 8601 instants)");
        }
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "from (" + start + ") must be before to (" + end + ")");
        }
        AuditPackage.Prepared prepared = packages.prepare(start, end, Viewer.of(identity));
        StreamingOutput body = out -> {
            try (prepared) {
                prepared.write(out);
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"").build();
    }
}
