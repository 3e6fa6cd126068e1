package dev.strongroom.writeahead;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.catalog.Document;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.RoleChangeRequest;
import dev.strongroom.security.VaultUser;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog can be rebuilt from the journal for every change written ahead: holds, disposal
 * requests and their decisions, tombstones, users, their state and roles, waiting role changes.
 * The test makes such changes through the API, takes the catalog's rows back as a restore from an
 * older copy would, rebuilds, and finds every row as it was; a user the catalog lost entirely comes
 * back with their roles, but with a password nobody knows (the journal never holds one).
 */
@QuarkusTest
class ChangeRebuildTest {

    @Inject
    ChangeRebuild rebuild;

    @Test
    void theJournalRemakesTheRowsTheCatalogLost() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String auditor = Vault.user("audrey", "auditor");
        String held = upload(alice);
        String disposed = upload(alice);
        String rejected = upload(alice);
        String waiting = upload(alice);
        hold(auditor, held, true);
        String disposalId = request(first, disposed);
        Vault.as(second).post("/api/disposals/" + disposalId + "/approve").then().statusCode(200);
        String rejectedId = request(first, rejected);
        Vault.as(second).contentType("application/json").body(Map.of("reason", "keep it"))
                .post("/api/disposals/" + rejectedId + "/reject").then().statusCode(200);
        String waitingId = request(first, waiting);
        String bob = Vault.user("bob", "analyst");
        Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("analyst", "ops")))
                .put("/api/admin/users/" + bob + "/roles").then().statusCode(200);
        Vault.as(first).post("/api/admin/users/" + bob + "/disable").then().statusCode(200);
        String carol = Vault.user("carol", "auditor");
        String grantId = Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("admin")))
                .put("/api/admin/users/" + carol + "/roles").then().statusCode(202).extract().path("id");

        // The catalog loses what these changes did, as a restore from an older copy would.
        QuarkusTransaction.requiringNew().run(() -> {
            Document.update("legalHold = false where id = ?1", held);
            Tombstone.deleteById(disposed);
            DisposalRequest.delete("documentId", waiting);
            VaultUser.update("roles = 'analyst', disabled = false where username = ?1", bob);
            RoleChangeRequest.deleteById(grantId);
            VaultUser.deleteById(carol);
            AppliedChange.delete("subject in ?1", List.of("document/" + held, "document/" + disposed,
                    "document/" + waiting, "user/" + bob, "user/" + carol));
        });

        int remade = rebuild.rebuild();

        Vault.as(auditor).get("/api/documents/" + held).then().body("legalHold", equalTo(true));
        Vault.as(auditor).get("/api/tombstones").then().body("find { it.documentId == '" + disposed + "' }.approvedBy",
                equalTo(second));
        Vault.as(auditor).get("/api/documents/" + disposed).then().statusCode(404);
        Vault.as(auditor).get("/api/disposals").then()
                .body("find { it.documentId == '" + waiting + "' }.id", equalTo(waitingId))
                .body("find { it.documentId == '" + rejected + "' }", org.hamcrest.Matchers.nullValue());
        Vault.as(first).get("/api/admin/users").then()
                .body("find { it.username == '" + bob + "' }.roles", contains("analyst", "ops"))
                .body("find { it.username == '" + bob + "' }.disabled", equalTo(true))
                .body("find { it.username == '" + carol + "' }.roles", contains("auditor"));
        Vault.as(first).get("/api/admin/role-changes").then()
                .body("find { it.id == '" + grantId + "' }.username", equalTo(carol));
        Vault.as(carol).get("/api/audit").then().statusCode(401);
        assertEquals(List.of(true, true, true), List.of("document/" + held, "user/" + bob, "user/" + carol).stream()
                .map(subject -> QuarkusTransaction.requiringNew().call(() -> AppliedChange.count("subject", subject) > 0))
                .toList(), "the remade changes are marked applied again");
        Vault.as(auditor).queryParam("action", WriteAheadAction.REBUILD.action()).get("/api/audit").then()
                .body("items[0].detail.changes", equalTo(Integer.toString(remade)));
    }

    private static String upload(String user) {
        return Vault.as(user).multiPart("file", "rebuild.txt", Samples.text(150)).multiPart("retentionClass", "expired")
                .post("/api/documents").then().statusCode(201).extract().path("id");
    }

    private static void hold(String auditor, String id, boolean hold) {
        Vault.as(auditor).contentType("application/json").body(Map.of("hold", hold, "reason", "rebuild"))
                .put("/api/documents/" + id + "/legal-hold").then().statusCode(200);
    }

    private static String request(String admin, String id) {
        return Vault.as(admin).queryParam("reason", "retention ended").delete("/api/documents/" + id).then()
                .statusCode(202).extract().path("id");
    }
}
