package dev.strongroom.backup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.VaultIdentity;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@RequiresEmulator
@QuarkusTest
class ReadThroughRepairTest {

    @Inject
    EntityManager entities;
    @Inject
    VaultIdentity identity;

    @Test
    void aMissingBlobIsServedFromS3RepairedAndAudited() throws IOException {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        String auditor = Vault.user("audrey", "auditor");
        byte[] bytes = Samples.text(12_345);
        String id = Vault.upload(alice, "gone.txt", bytes).then().statusCode(201).extract().path("id");
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));

        Path blob = blobPath(Samples.sha256(bytes));
        Files.delete(blob);

        byte[] downloaded = Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(bytes, downloaded);
        assertTrue(Files.isRegularFile(blob), "the local blob is back");
        assertArrayEquals(bytes, Files.readAllBytes(blob));
        JsonPath repairs = Vault.as(auditor).get("/api/audit?action=document.repair&documentId=" + id).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("success"), repairs.getList("items.outcome"));
        assertEquals("missing", repairs.getString("items[0].detail.reason"));
        assertEquals("s3://" + MotoEmulator.BUCKET + "/documents/" + id, repairs.getString("items[0].detail.source"));
    }

    @Test
    void aCorruptBlobIsNotServedButRepairedFromS3() throws IOException {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        byte[] bytes = Samples.text(4_000);
        String id = Vault.upload(alice, "rotten.txt", bytes).then().statusCode(201).extract().path("id");
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));

        Path blob = blobPath(Samples.sha256(bytes));
        byte[] rotten = bytes.clone();
        rotten[100] ^= 0x20;
        Files.write(blob, rotten);

        assertArrayEquals(bytes, Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .extract().asByteArray());
        assertArrayEquals(bytes, Files.readAllBytes(blob), "the rotten copy was replaced");
    }

    @Test
    void aMissingBlobThatWasNeverBackedUpIsA503ProblemAndAudited() throws IOException {
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        byte[] bytes = Samples.text(3_210);
        String id = Vault.upload(alice, "lost.txt", bytes).then().statusCode(201).extract().path("id");
        Path blob = blobPath(Samples.sha256(bytes));
        Files.delete(blob);
        try {
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://strongroom.dev/problems/content-unavailable"));
            Vault.as(auditor).get("/api/audit?action=document.repair&documentId=" + id).then().statusCode(200)
                    .body("items[0].outcome", equalTo("failure"))
                    .body("items[0].detail.problem", equalTo("not backed up yet"));
        } finally {
            // Put the bytes back, or every later run in this shared app would (rightly) fail on them.
            Files.write(blob, bytes);
        }
    }

    @Test
    void aDocumentAnotherHostReceivedAndHasNotBackedUpIsA503NamingThatHost() throws IOException {
        String alice = Vault.user("alice", "analyst");
        byte[] bytes = Samples.text(2_468);
        String id = Vault.upload(alice, "elsewhere.txt", bytes).then().statusCode(201).extract().path("id");
        String here = QuarkusTransaction.requiringNew().call(() -> (String) entities.createNativeQuery(
                "select stored_on from document where id = ?1").setParameter(1, id).getSingleResult());
        assertEquals(identity.hostId(), here, "an upload records the host that received it");
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "update document set stored_on = 'host-elsewhere' where id = ?1").setParameter(1, id).executeUpdate());
        Path blob = blobPath(Samples.sha256(bytes));
        Files.delete(blob);
        try {
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "60")
                    .body("type", equalTo("https://strongroom.dev/problems/document-on-another-host"))
                    .body("host", equalTo("host-elsewhere"))
                    .body("detail", containsString("next backup run"));
        } finally {
            Files.write(blob, bytes);
            QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                    "update document set stored_on = ?2 where id = ?1").setParameter(1, id)
                    .setParameter(2, here).executeUpdate());
        }
    }

    private static Path blobPath(String sha256) {
        return Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "blobs",
                sha256.substring(0, 2), sha256.substring(2, 4), sha256);
    }
}
