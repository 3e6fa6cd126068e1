package dev.strongroom.backup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strongroom.catalog.DocumentMetadata;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.metadata.MetadataWorker;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Several hosts share the catalog, not their volumes: a document another host received (its row names that host
 * in {@code stored_on}, its bytes are on that host's volume only) is that host's to back up, scrub and extract.
 */
@RequiresEmulator
@QuarkusTest
@QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = false)
class AnotherHostsDocumentsTest {

    @Inject
    EntityManager entities;
    @Inject
    DocumentMetadata metadata;
    @Inject
    MetadataWorker worker;

    @Test
    void anotherHostsDocumentIsLeftAloneByThisHostsBackupScrubAndExtraction() throws Exception {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        byte[] bytes = Samples.text(3_517);
        String sha256 = Samples.sha256(bytes);
        String id = Vault.upload(alice, "elsewhere.txt", bytes).then().statusCode(201).extract().path("id");
        await("metadata of " + id).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"PENDING".equals(state(id)));
        Object[] before = QuarkusTransaction.requiringNew().call(() -> (Object[]) entities.createNativeQuery(
                "select stored_on, metadata_state, metadata_json from document where id = ?1").setParameter(1, id)
                .getSingleResult());
        // As host B's upload records it: received by B, not backed up, not extracted; the bytes only on B's volume.
        String otherHost = "host-b-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("update document set stored_on = ?2, "
                + "metadata_state = 'PENDING', metadata_json = null where id = ?1").setParameter(1, id)
                .setParameter(2, otherHost).executeUpdate());
        Path blob = blobPath(sha256);
        Files.delete(blob);
        try {
            JsonPath run = Backups.runToEnd(ops);
            assertEquals("succeeded", run.getString("state"), run::prettify);
            assertEquals(0, run.getInt("failed"), run::prettify);
            Vault.as(ops).get("/api/documents/" + id).then().statusCode(200).body("backupState", equalTo("PENDING"));
            try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
                assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("documents/" + id)), "another host's document is not uploaded from this host");
            }

            Vault.as(ops).post("/api/scrub").then().statusCode(200).body("findings.sha256", not(hasItem(sha256)));

            assertFalse(metadata.waiting(MetadataState.PENDING, 10_000).contains(id));
            assertFalse(metadata.waitingSince(MetadataState.PENDING, Instant.now().plusSeconds(60), 10_000)
                    .contains(id));
            assertFalse(metadata.withSha256(sha256).contains(id));
            assertFalse(worker.handOverDeferredDocument(id), "another host's document is not handed to this lane");
            // Sweeps run every 2 s in tests: none of them touches the document.
            await("sweeps leave " + id + " alone").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .until(() -> "PENDING".equals(state(id)));
        } finally {
            Files.write(blob, bytes);
            QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("update document set stored_on = ?2, "
                    + "metadata_state = ?3, metadata_json = ?4 where id = ?1").setParameter(1, id)
                    .setParameter(2, before[0]).setParameter(3, before[1]).setParameter(4, before[2])
                    .executeUpdate());
        }
    }

    @Test
    void twoHostsRecordJournalSegmentsOfTheSameName() {
        String name = "audit-2026-12-04T23-" + UUID.randomUUID().toString().substring(0, 8) + ".ndjson";
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                segment("host-a-test", name, 100).persist();
                segment("host-b-test", name, 200).persist();
            });
            QuarkusTransaction.requiringNew().run(() -> {
                JournalSegmentUpload a = JournalSegmentUpload.find("host-a-test", name);
                JournalSegmentUpload b = JournalSegmentUpload.find("host-b-test", name);
                assertNotNull(a);
                assertNotNull(b);
                assertEquals(100, a.sizeBytes);
                assertEquals(200, b.sizeBytes);
                assertNull(JournalSegmentUpload.find("host-c-test", name));
                assertEquals(1, JournalSegmentUpload.of("host-a-test").size());
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> JournalSegmentUpload.delete("name", name));
        }
    }

    private static JournalSegmentUpload segment(String host, String name, long size) {
        JournalSegmentUpload row = new JournalSegmentUpload();
        row.hostId = host;
        row.name = name;
        row.sizeBytes = size;
        row.sha256 = "0".repeat(64);
        row.versionId = "v-" + host;
        row.uploadedAt = Instant.now();
        return row;
    }

    private String state(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entities.createNativeQuery(
                "select metadata_state from document where id = ?1").setParameter(1, id).getSingleResult());
    }

    private static Path blobPath(String sha256) {
        return Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "blobs",
                sha256.substring(0, 2), sha256.substring(2, 4), sha256);
    }
}
