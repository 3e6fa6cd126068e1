package dev.strongroom.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexRepairTest {

    @Inject
    AuditIndex index;
    @Inject
    AuditJournal journal;

    @Test
    void anIndexRowLostAfterItsJournalAppendComesBackFromTheJournal() {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String id = Vault.upload(alice, "x.txt", Samples.text(100)).then().statusCode(201).extract().path("id");
        long seq = Vault.as(auditor).get("/api/audit?action=document.upload&documentId=" + id).then()
                .body("total", equalTo(1)).extract().<Number> path("items[0].seq").longValue();
        Vault.as(auditor).get("/api/audit?action=document.search&size=1").then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.deleteById(seq));
        Vault.as(auditor).get("/api/audit?action=document.upload&documentId=" + id).then().body("total", equalTo(0));

        assertEquals(1, index.catchUp(journal.segments()));
        Vault.as(auditor).get("/api/audit?action=document.upload&documentId=" + id).then().body("total", equalTo(1))
                .body("items[0].seq", equalTo((int) seq));
    }
}
