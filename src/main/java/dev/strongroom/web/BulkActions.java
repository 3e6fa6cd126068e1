package dev.strongroom.web;

import dev.strongroom.catalog.ContentService;
import dev.strongroom.catalog.DocumentEditor;
import dev.strongroom.catalog.DocumentFields;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.ingest.UploadConfig;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * What the documents list does to the documents ticked in it: download them as one zip (each one
 * audited as a download), add a tag (the owner's own documents, as an edit), and for auditors set a
 * legal hold with one reason. Each document goes through the same service as one at a time, so a
 * document the person may not touch is skipped and counted, never half-done.
 */
@Path("/bulk")
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class BulkActions {

    static final int MAX_DOCUMENTS = 100;
    /** The list's own query string, as the form sends it back: letters, digits and URL punctuation only. */
    private static final Pattern LIST_QUERY = Pattern.compile("[A-Za-z0-9%&=._~+\\-]{0,2000}");

    private final DocumentService documents;
    private final ContentService contents;
    private final DocumentEditor editor;
    private final RetentionService retention;
    private final UploadConfig uploads;
    private final SecurityIdentity identity;

    public BulkActions(DocumentService documents, ContentService contents, DocumentEditor editor,
            RetentionService retention, UploadConfig uploads, SecurityIdentity identity) {
        this.documents = documents;
        this.contents = contents;
        this.editor = editor;
        this.retention = retention;
        this.uploads = uploads;
        this.identity = identity;
    }

    @POST
    @Path("zip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    // HTML too: a refusal (no role, no token) is a page like every other page's.
    @Produces({ "application/zip", MediaType.TEXT_HTML })
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR })
    @Operation(hidden = true)
    public Response zip(@RestForm("id") List<String> ids) {
        Viewer viewer = Viewer.of(identity);
        List<ContentService.Readable> files = new ArrayList<>();
        for (String id : chosen(ids)) {
            files.add(contents.readable(id, viewer, "zip"));
        }
        StreamingOutput body = out -> {
            Set<String> names = new HashSet<>();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (ContentService.Readable file : files) {
                    String name = file.fileName();
                    if (!names.add(name)) {
                        // Two documents with one name: the id keeps both, and says which is which.
                        name = file.id() + "-" + name;
                        names.add(name);
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(file.blob(), zip);
                    zip.closeEntry();
                }
            }
        };
        return Response.ok(body, "application/zip").header("Content-Disposition",
                "attachment; filename=\"strongroom-documents-" + LocalDate.now(ZoneOffset.UTC) + ".zip\"").build();
    }

    @POST
    @Path("tags")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Response tag(@RestForm("id") List<String> ids, @RestForm String tag, @RestForm String back) {
        Set<String> adding = DocumentFields.tags(DocumentFields.splitTags(tag), uploads.maxTags());
        if (adding.isEmpty()) {
            throw ProblemException.badRequest(ProblemType.NO_TAG, "Type the tag to add to the chosen documents");
        }
        Viewer viewer = Viewer.of(identity);
        int done = 0;
        int skipped = 0;
        for (String id : chosen(ids)) {
            try {
                var doc = documents.view(id, viewer);
                Set<String> tags = new TreeSet<>(doc.tags());
                tags.addAll(adding);
                editor.edit(id, doc.description(), tags, uploads.maxTags(), viewer);
                done++;
            } catch (ProblemException refused) {
                skipped++;
            }
        }
        return back(back, "tagged-" + done + "-" + skipped);
    }

    @POST
    @Path("legal-hold")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(hidden = true)
    public Response hold(@RestForm("id") List<String> ids, @RestForm String reason, @RestForm String back) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > DocumentPages.MAX_REASON) {
            throw ProblemException.badRequest(ProblemType.INVALID_REASON,
                    "Give a reason of 1 to " + DocumentPages.MAX_REASON + " characters for the legal hold");
        }
        int done = 0;
        for (String id : chosen(ids)) {
            retention.setLegalHold(id, true, why);
            done++;
        }
        return back(back, "held-" + done + "-0");
    }

    /** The list's notice after a bulk action sent the person back to it. */
    static String notice(String done) {
        if (done == null || !done.matches("(tagged|held)-\\d+-\\d+")) {
            return null;
        }
        String[] parts = done.split("-");
        int n = Integer.parseInt(parts[1]);
        int skipped = Integer.parseInt(parts[2]);
        String documentsWord = n == 1 ? " document" : " documents";
        String what = parts[0].equals("tagged") ? "Tagged " + n + documentsWord : "Legal hold set on " + n + documentsWord;
        return what + (skipped == 0 ? "." : "; " + skipped + " left as they were (not yours, or under legal hold).");
    }

    private static Set<String> chosen(List<String> ids) {
        Set<String> chosen = new LinkedHashSet<>(ids == null ? List.of() : ids);
        chosen.removeIf(String::isBlank);
        if (chosen.isEmpty()) {
            throw ProblemException.badRequest(ProblemType.NOTHING_CHOSEN, "Tick at least one document in the list first");
        }
        if (chosen.size() > MAX_DOCUMENTS) {
            throw ProblemException.badRequest(ProblemType.TOO_MANY_DOCUMENTS,
                    "At most " + MAX_DOCUMENTS + " documents at once; " + chosen.size() + " were chosen");
        }
        return chosen;
    }

    private static Response back(String listQuery, String done) {
        String query = listQuery != null && LIST_QUERY.matcher(listQuery).matches() ? listQuery : "";
        return Response.seeOther(URI.create("/documents?" + (query.isEmpty() ? "" : query + "&") + "done=" + done))
                .build();
    }
}
