package dev.strongroom.writeahead;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.support.Vault;
import dev.strongroom.web.SavedView;
import dev.strongroom.web.ViewChange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Saved views follow the write-ahead rule: a save or delete journals its intent before the catalog changes and its
 * completion after, a kill between the two is settled at the next start, and a save or delete the catalog lost after
 * the user was answered comes back from the journal.
 */
@QuarkusTest
class SavedViewReplayTest {

    @Inject
    Auditor auditor;
    @Inject
    ChangeReplay replay;

    @Test
    void aSaveAndADeleteAreEachAnIntentAndItsCompletion() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        Map<String, String> browser = Vault.signIn(alice);

        save(browser, "Travel", "tag=travel").then().statusCode(303);
        save(browser, "Travel", "tag=other").then().statusCode(409);
        String id = onlyViewId(alice);
        delete(browser, id).then().statusCode(303);

        List<Map<String, String>> saves = events(auditorUser, ViewChange.SAVE, alice);
        assertEquals(List.of("rejected", "success", "intent"), saves.stream().map(e -> e.get("outcome")).toList(),
                saves.toString());
        assertEquals("tag=travel", saves.get(2).get("query"));
        assertEquals("view-exists", saves.get(0).get("reason"));
        List<Map<String, String>> deletes = events(auditorUser, ViewChange.DELETE, alice);
        assertEquals(List.of("success", "intent"), deletes.stream().map(e -> e.get("outcome")).toList(),
                deletes.toString());
        assertFalse(Vault.page(alice, "/documents").contains(">Travel</a>"), "the view is gone from the list");
    }

    @Test
    void aSaveThatCommittedBeforeAKillIsFinishedAndOneThatDidNotIsRolledBack() {
        String alice = Vault.user("alice", "analyst");
        String auditorUser = Vault.user("audrey", "auditor");
        JournaledIntent committed = saveIntent(alice, "Committed before the kill");
        QuarkusTransaction.requiringNew().run(() -> {
            viewOf(committed).persist();
            AppliedChange.of(committed).persist();
        });
        JournaledIntent cutOff = saveIntent(alice, "Killed before its commit");

        ChangeReplay.Settled settled = replay.replay();

        assertTrue(settled.finished() >= 1 && settled.rolledBack() >= 1, settled.toString());
        assertEquals("success", completionOf(auditorUser, committed));
        assertEquals("rolled-back", completionOf(auditorUser, cutOff));
        String page = Vault.page(alice, "/documents");
        assertTrue(page.contains(">Committed before the kill</a>"), "the committed view is listed");
        assertFalse(page.contains("Killed before its commit"), "the cut-off view is not");
    }

    @Test
    void aSaveAndADeleteTheCatalogLostAreMadeAgainFromTheJournal() {
        String alice = Vault.user("alice", "analyst");
        Map<String, String> browser = Vault.signIn(alice);
        save(browser, "Kept", "tag=kept").then().statusCode(303);
        String kept = onlyViewId(alice);
        save(browser, "Deleted", "tag=deleted").then().statusCode(303);
        String deleted = QuarkusTransaction.requiringNew().call(() -> SavedView.<SavedView>find(
                "owner = ?1 and name = ?2", alice, "Deleted").firstResult().id);
        delete(browser, deleted).then().statusCode(303);
        // An embedded catalog at a full volume can lose its newest commits after the user was answered: here the
        // save of one view and the deletion of the other.
        QuarkusTransaction.requiringNew().run(() -> {
            SavedView lostSave = SavedView.findById(kept);
            lostSave.delete();
            SavedView lostDelete = new SavedView();
            lostDelete.id = deleted;
            lostDelete.owner = alice;
            lostDelete.name = "Deleted";
            lostDelete.query = "tag=deleted";
            lostDelete.createdAt = Instant.now();
            lostDelete.persist();
            AppliedChange.delete("subject in ?1", List.of("view/" + kept, "view/" + deleted));
        });

        ChangeReplay.Settled settled = replay.replay();

        assertTrue(settled.remade() >= 3, settled.toString());
        String page = Vault.page(alice, "/documents");
        assertTrue(page.contains("href=\"/documents?tag=kept\">Kept</a>"), "the lost save is back");
        assertFalse(page.contains(">Deleted</a>"), "the lost deletion is made again");
        assertEquals(0, replay.replay().remade(), "the changes are in the catalog again");
    }

    private JournaledIntent saveIntent(String owner, String name) {
        String subject = "view/" + UUID.randomUUID();
        AuditEvent event = auditor.record(ViewChange.SAVE, subject, ChangeOutcome.INTENT.outcome,
                Map.of("owner", owner, "name", name, "query", "", "createdAt", Instant.now()));
        return new JournaledIntent(event.id(), event.seq(), ViewChange.SAVE, subject, event.detail());
    }

    private static SavedView viewOf(JournaledIntent intent) {
        SavedView view = new SavedView();
        view.id = intent.subjectId();
        view.owner = intent.fact("owner");
        view.name = intent.fact("name");
        view.query = intent.fact("query");
        view.createdAt = Instant.parse(intent.fact("createdAt"));
        return view;
    }

    private static Response save(Map<String, String> browser, String name, String query) {
        return given().redirects().follow(false).cookies(browser).formParam("csrf", token(browser))
                .formParam("name", name).formParam("query", query).post("/views");
    }

    private static Response delete(Map<String, String> browser, String id) {
        return given().redirects().follow(false).cookies(browser).formParam("csrf", token(browser))
                .post("/views/" + id + "/delete");
    }

    private static String token(Map<String, String> browser) {
        return Vault.formToken(given().redirects().follow(false).cookies(browser).get("/documents").then()
                .statusCode(200).extract().asString());
    }

    private static String onlyViewId(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> SavedView.<SavedView>find("owner", owner).singleResult().id);
    }

    /** The action's events by {@code actor}, newest first, each as its outcome and detail. */
    private static List<Map<String, String>> events(String auditorUser, ViewChange kind, String actor) {
        JsonPath events = Vault.as(auditorUser).queryParam("action", kind.action()).queryParam("actor", actor)
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, String>> details = events.getList("items.detail");
        List<String> outcomes = events.getList("items.outcome");
        List<Map<String, String>> found = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, String> event = new HashMap<>(details.get(i) == null ? Map.of() : details.get(i));
            event.put("outcome", outcomes.get(i));
            found.add(event);
        }
        return found;
    }

    /** The outcome of the one completion the journal holds for the intent. */
    private static String completionOf(String auditorUser, JournaledIntent intent) {
        List<Map<String, String>> completions = events(auditorUser, (ViewChange) intent.kind(), "system").stream()
                .filter(event -> intent.id().equals(event.get("intent"))).toList();
        assertEquals(1, completions.size(), completions.toString());
        return completions.get(0).get("outcome");
    }
}
