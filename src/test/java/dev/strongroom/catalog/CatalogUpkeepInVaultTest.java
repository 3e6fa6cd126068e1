package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The upkeep reaches the running vault's own H2 store through its connection pool, and the vault serves
 * every document as uploaded after a pass; on PostgreSQL it does nothing.
 */
@QuarkusTest
class CatalogUpkeepInVaultTest {

    @Inject
    CatalogUpkeep upkeep;

    @Test
    void aPassOnTheRunningVaultsCatalogLeavesEveryDocumentAsUploaded() {
        String alice = Vault.user("ulla", "analyst");
        Map<String, byte[]> uploaded = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            byte[] bytes = Samples.text(700 + i);
            uploaded.put(Vault.upload(alice, "upkeep-" + i + ".txt", bytes).then().statusCode(201).extract().path("id"),
                    bytes);
        }

        Optional<CatalogUpkeep.Pass> pass = upkeep.pass();

        if ("h2".equals(System.getProperty("quarkus.datasource.db-kind", "h2"))) {
            assertTrue(pass.isPresent(), "the vault's H2 catalog file was not reached");
            assertTrue(pass.get().after() > 0, pass.get().toString());
        } else {
            assertEquals(Optional.empty(), pass, "PostgreSQL reuses its space itself");
        }
        uploaded.forEach((id, bytes) -> assertArrayEquals(bytes, Vault.as(alice).get("/api/documents/" + id
                + "/content").then().statusCode(200).extract().asByteArray(), id));
    }
}
