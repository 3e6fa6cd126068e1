package dev.strongroom.web;

import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ExportCheck;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.MultipartParts;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.security.CsrfTokens;
import dev.strongroom.security.Roles;
import dev.strongroom.security.SecurityAction;
import dev.strongroom.security.VaultKey;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * "Verify an export file" on the audit page: the auditor picks an NDJSON export they hold, and the
 * vault checks it the way the offline verifier does ({@link ExportCheck}), reading it as it arrives
 * (no copy is kept). The form's CSRF field comes before the file and is checked here, not by
 * {@link CsrfGuard}, whose form reading would buffer the whole upload first.
 */
@Path("/audit-exports")
@RolesAllowed(Roles.AUDITOR)
@CsrfCheckedInBody
@Produces(MediaType.TEXT_HTML)
public class ExportCheckPage {

    static final long MAX_BYTES = 200L * 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(Page page, String fileName, ExportCheck check);
    }

    private final PageContext pages;
    private final CsrfTokens tokens;
    private final Auditor auditor;
    private final SecurityIdentity identity;
    private final VaultKey vaultKey;

    public ExportCheckPage(PageContext pages, CsrfTokens tokens, Auditor auditor, SecurityIdentity identity,
            VaultKey vaultKey) {
        this.vaultKey = vaultKey;
        this.pages = pages;
        this.tokens = tokens;
        this.auditor = auditor;
        this.identity = identity;
    }

    @POST
    @Path("check")
    @Blocking
    @Operation(hidden = true)
    public Response check(RoutingContext rc, InputStream body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return notMultipart(rc, body);
        }
        MultipartParts upload = new MultipartParts();
        upload.setSizeMax(MAX_BYTES);
        boolean tokenChecked = false;
        try {
            FileItemInputIterator parts = upload.parts(body, contentType, contentLength);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (CsrfTokens.FIELD.equals(part.getFieldName())) {
                    String offered;
                    try (InputStream in = part.getInputStream()) {
                        offered = new String(in.readNBytes(512), StandardCharsets.US_ASCII);
                    }
                    if (!tokens.verify(rc, identity.getPrincipal().getName(), offered)) {
                        return refusedToken(rc);
                    }
                    tokenChecked = true;
                } else if ("file".equals(part.getFieldName())) {
                    if (!tokenChecked) {
                        return refusedToken(rc);
                    }
                    String name = part.getName() == null ? "export" : part.getName();
                    ExportCheck check;
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(part.getInputStream(), StandardCharsets.UTF_8))) {
                        // Against every key the vault ever signed with: the signed manifest shows the export complete.
                        check = ExportCheck.of(reader, vaultKey.history());
                    }
                    auditor.record(AuditLogAction.EXPORT_CHECK, "audit", check.ok() ? Outcome.SUCCESS : Outcome.FAILURE,
                            Map.of("file", dev.strongroom.http.Problems.clip(name), "events", check.events(),
                                    "findings", check.findings().size(), "usable", check.usable()));
                    return Response.status(check.usable() ? 200 : 400).entity(Templates.result(
                            pages.page(rc, "Export check", "audit"), name, check)).build();
                }
            }
        } catch (FileUploadException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_UPLOAD, "The export could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_UPLOAD, "The export could not be read: " + e.getMessage());
        }
        throw ProblemException.badRequest(ProblemType.NO_FILE, "Choose an NDJSON audit export file to check");
    }

    /** A plain form post (no file in it): its token is still checked first, so a forged one reads as such. */
    private Response notMultipart(RoutingContext rc, InputStream body) {
        String offered = rc.request().getHeader(CsrfTokens.HEADER);
        if (offered == null) {
            try {
                String form = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                offered = new io.netty.handler.codec.http.QueryStringDecoder(form, false).parameters()
                        .getOrDefault(CsrfTokens.FIELD, List.of("")).get(0);
            } catch (IOException e) {
                offered = null;
            }
        }
        if (!tokens.verify(rc, identity.getPrincipal().getName(), offered)) {
            return refusedToken(rc);
        }
        throw ProblemException.badRequest(ProblemType.NO_FILE, "Send the export file as a multipart/form-data part named 'file'");
    }

    private Response refusedToken(RoutingContext rc) {
        auditor.record(rc, SecurityAction.CSRF_REJECTED, "path/audit-exports/check", Outcome.DENIED,
                Map.of("method", "POST", "reason", "wrong token"));
        throw new ProblemException(403, ProblemType.CSRF_REJECTED, "Request not accepted",
                "This form did not carry a valid token from a Strongroom page (it may have expired). "
                        + "Reload the page and try again.");
    }
}
