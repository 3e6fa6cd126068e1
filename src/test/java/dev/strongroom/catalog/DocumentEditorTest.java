package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.TrailEvent;
import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Editing a document's description and tags: only the owner, never under legal hold, and written
 * ahead in the journal (intent, catalog, completion), so an intent a stop left without completion is
 * finished at the next start, and a completed edit an embedded catalog lost is put back.
 */
@QuarkusTest
class DocumentEditorTest {

    @Inject
    DocumentEditor editor;
    @Inject
    AuditService audit;
    @Inject
    Auditor auditor;
    @Inject
    RetentionService retention;

    @Test
    void theOwnersEditIsJournaledAsIntentThenCompletionAroundTheCatalogChange() {
        String owner = Vault.user("edith", "analyst");
        String id = upload(owner, "Taxi");

        DocumentView edited = editor.edit(id, "  Taxi to the airport ", Set.of("travel", "q4"), 50, viewer(owner));

        assertEquals("Taxi to the airport", edited.description());
        assertEquals(List.of("q4", "travel"), edited.tags());
        assertEquals("Taxi to the airport", stored(id).description);
        TrailEvent intent = only(DocumentAction.EDIT_INTENT.action(), id);
        TrailEvent done = only(DocumentAction.EDIT.action(), id);
        assertTrue(intent.seq() < done.seq(), "the intent is journaled before the completion");
        assertEquals("Taxi", intent.detail().get("oldDescription"));
        assertEquals("[\"q4\",\"travel\"]", intent.detail().get("tags"));
        assertEquals(Long.toString(intent.seq()), done.detail().get("intentSeq"));
    }

    @Test
    void onlyTheOwnerMayEditAndNothingChangesUnderALegalHold() {
        String owner = Vault.user("edith", "analyst");
        String other = Vault.user("otto", "analyst");
        String id = upload(owner, "Hotel");

        ProblemException notOwner = assertThrows(ProblemException.class,
                () -> editor.edit(id, "mine now", Set.of(), 50, new Viewer(other, true, false)));
        assertEquals(403, notOwner.status());

        retention.setLegalHold(id, true, "inspection");
        ProblemException held = assertThrows(ProblemException.class,
                () -> editor.edit(id, "changed under hold", Set.of(), 50, viewer(owner)));
        assertEquals(409, held.status());
        assertEquals("Hotel", stored(id).description);

        ProblemException tooMany = assertThrows(ProblemException.class,
                () -> editor.edit(id, "x", Set.of("a", "b", "c"), 2, viewer(owner)));
        assertEquals(400, tooMany.status());
    }

    @Test
    void anIntentLeftWithoutCompletionIsFinishedAtTheNextStart() {
        String owner = Vault.user("edith", "analyst");
        String id = upload(owner, "Before the crash");
        // What a stop between the journal's intent and the catalog commit leaves behind.
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("oldDescription", "Before the crash");
        intent.put("oldTags", "[]");
        intent.put("description", "After the restart");
        intent.put("tags", "[\"recovered\"]");
        AuditEvent written = auditor.record(DocumentAction.EDIT_INTENT, "document/" + id, Outcome.SUCCESS, intent);
        assertEquals("Before the crash", stored(id).description);

        editor.finishAtStart(null);

        Document after = stored(id);
        assertEquals("After the restart", after.description);
        assertEquals(Set.of("recovered"), after.tags);
        TrailEvent done = only(DocumentAction.EDIT.action(), id);
        assertEquals(Long.toString(written.seq()), done.detail().get("intentSeq"));
        assertEquals("true", done.detail().get("recovered"));

        editor.finishAtStart(null);
        assertEquals(1, audit.query(new AuditFilter(null, null, null, DocumentAction.EDIT.action(), id, null), 0, 10).total(),
                "a finished intent is not finished twice");
        assertTrue(after.tags.contains("recovered"));
    }

    @Test
    void aCompletedEditTheCatalogLostIsPutBackAtTheNextStart() {
        String owner = Vault.user("edith", "analyst");
        String id = upload(owner, "Lunch");
        editor.edit(id, "Lunch with the auditors", Set.of("meals"), 50, viewer(owner));
        editor.edit(id, "Lunch with the external auditors", Set.of("meals", "q4"), 50, viewer(owner));
        // An embedded catalog at a full volume can lose its newest commits after the owner was answered.
        QuarkusTransaction.requiringNew().run(() -> {
            Document d = Document.findById(id);
            d.description = "Lunch with the auditors";
            d.tags.remove("q4");
        });

        editor.finishAtStart(null);

        Document after = stored(id);
        if (PostgresCatalogSession.wanted()) {
            assertEquals("Lunch with the auditors", after.description,
                    "on a shared catalog, which does not lose commits, nothing is put back over another host's edit");
            return;
        }
        assertEquals("Lunch with the external auditors", after.description);
        assertEquals(Set.of("meals", "q4"), after.tags);
        TrailEvent recovered = only(DocumentAction.RECOVER.action(), id);
        assertEquals("description,tags", recovered.detail().get("fields"));
        assertEquals(2, audit.query(new AuditFilter(null, null, null, DocumentAction.EDIT.action(), id, null), 0, 10)
                .total(), "the two edits keep their one completion each");

        editor.finishAtStart(null);
        only(DocumentAction.RECOVER.action(), id);
    }

    private TrailEvent only(String action, String id) {
        List<TrailEvent> events = audit.query(new AuditFilter(null, null, null, action, id, null), 0, 10).items();
        assertEquals(1, events.size(), action + " events of " + id);
        return events.get(0);
    }

    private static Viewer viewer(String owner) {
        return new Viewer(owner, false, false);
    }

    private static String upload(String owner, String description) {
        return Vault.as(owner).multiPart("file", "receipt.pdf", Samples.pdf(description + " " + System.nanoTime()))
                .multiPart("description", description).post("/api/documents").then().statusCode(201).extract()
                .path("id");
    }

    private static Document stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
    }
}
