package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * The running vault's housekeeping reaches its own H2 catalog through the connection pool and moves live rows out
 * of mostly dead chunks, and every document reads back as uploaded afterwards. On PostgreSQL it finds no H2 store
 * and does nothing. H2's retention of dead chunks (45 s) is set to none for the pass, so that the test does not
 * wait for the chunks the uploads left to age.
 */
@QuarkusTest
class CatalogHousekeepingInTheVaultTest {

    @Inject
    CatalogHousekeeping housekeeping;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPassRewritesTheVaultsMostlyDeadChunksAndEveryDocumentReadsBackAsUploaded() throws Exception {
        String alice = Vault.user("alice", "analyst");
        Map<String, byte[]> uploaded = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            byte[] bytes = Samples.text(2_000 + i);
            uploaded.put(Vault.upload(alice, "receipt-" + i + ".txt", bytes).then().statusCode(201).extract()
                    .path("id"), bytes);
        }
        Optional<MVStore> found;
        try (Connection connection = dataSource.getConnection()) {
            found = CatalogHousekeeping.store(connection);
        }
        if (!"H2".equals(product())) {
            assertTrue(found.isEmpty(), "no H2 store behind a PostgreSQL catalog");
            assertTrue(housekeeping.pass().isEmpty(), "and a pass does nothing there");
            return;
        }
        MVStore store = found.orElseThrow(() -> new AssertionError("the pool's connection reaches the H2 store"));
        int retention = store.getRetentionTime();
        CatalogHousekeeping.Pass pass;
        try {
            store.setRetentionTime(0);
            pass = housekeeping.pass().orElseThrow();
        } finally {
            store.setRetentionTime(retention);
        }
        assertTrue(pass.rewrote() && pass.fillAfter() > pass.fillBefore(),
                "the pass moved live rows out of mostly dead chunks: " + pass);
        uploaded.forEach((id, bytes) -> assertArrayEquals(bytes, Vault.as(alice).get("/api/documents/" + id
                + "/content").then().statusCode(200).extract().asByteArray(), id));
    }

    private String product() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }
}
