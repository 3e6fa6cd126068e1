package dev.strongroom.catalog;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.Roles;
import dev.strongroom.store.ScrubReport;
import dev.strongroom.store.Scrubber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ops' check that every blob the catalog points at is present and intact. */
@Path("/api/scrub")
@Tag(name = "Operations")
@RolesAllowed(Roles.OPS)
public class ScrubResource {

    private final Scrubber scrubber;
    private final Auditor auditor;
    private final HeldHere heldHere;

    public ScrubResource(Scrubber scrubber, Auditor auditor, HeldHere heldHere) {
        this.scrubber = scrubber;
        this.auditor = auditor;
        this.heldHere = heldHere;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-hash every stored blob", description = "Reports every missing or corrupt blob "
            + "of the documents this host holds (stored on it; see HeldHere for older rows); progress is logged every 1000 blobs.")
    @APIResponse(responseCode = "200", description = "The scrub report")
    public ScrubReport scrub() {
        // Only the blobs this host holds: another host's documents are on its volume, not missing from this one.
        HeldHere.Scope scope = heldHere.scope();
        Map<String, Long> expected = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> blobs = new TreeMap<>();
            List<Object[]> rows = Document.getEntityManager()
                    .createQuery("select distinct d.sha256, d.sizeBytes, d.storedOn from Document d where "
                            + HeldHere.MINE_OR_UNRECORDED, Object[].class)
                    .setParameter("host", scope.host()).getResultList();
            rows.stream().filter(row -> heldHere.holds(scope, (String) row[2], (String) row[0]))
                    .forEach(row -> blobs.put((String) row[0], (Long) row[1]));
            return blobs;
        });
        ScrubReport report = scrubber.scrub(expected);
        auditor.record(DocumentAction.SCRUB, "store", report.ok() ? Outcome.SUCCESS : Outcome.FAILURE,
                Map.of("blobs", report.blobsChecked(), "findings", report.findings().size()));
        return report;
    }
}
