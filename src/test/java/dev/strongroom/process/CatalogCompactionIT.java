package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.process.VaultClient.User;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clean stop gives the H2 catalog's dead space back (catalog.CatalogCompaction): after uploads, each of
 * which commits several times and leaves dead chunks behind, the file a SIGTERM leaves is much smaller than
 * the one the running vault had, the log says so at INFO and has no ERROR, and the next start serves every
 * document from the compacted catalog.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class CatalogCompactionIT {

    private static final User ANALYST = new User("compact-analyst", "analyst-password-for-compaction");
    private static final int DOCUMENTS = 120;

    @Test
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aCleanStopShrinksTheH2CatalogToItsLiveRows() throws Exception {
        Path work = ScratchDirectory.fresh("compact");
        Path data = work.resolve("data");
        Path catalog = data.resolve("catalog").resolve("strongroom.mv.db");
        Path log = work.resolve("vault.log");
        long before;
        // The running vault's own housekeeping (catalog.CatalogHousekeeping) is off: this is about the stop.
        try (VaultProcess vault = VaultProcess.start(data, log, List.of(),
                java.util.Map.of("STRONGROOM_CATALOG_HOUSEKEEPING_EVERY", "off"))) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            client.createUser(ANALYST, "analyst");
            for (int i = 0; i < DOCUMENTS; i++) {
                byte[] file = ("receipt " + i + ": taxi to the airport, 42.00 EUR\n").repeat(20)
                        .getBytes(StandardCharsets.US_ASCII);
                assertEquals(201, client.upload(ANALYST, "compact-" + i + ".txt", file.length,
                        () -> new ByteArrayInputStream(file)).statusCode());
            }
            before = Files.size(catalog);
            vault.stop();
        }
        long after = Files.size(catalog);
        String text = Files.readString(log);
        System.out.printf("MEASURED catalog at stop after %d uploads: %.1f MB -> %.1f MB%n", DOCUMENTS,
                before / 1e6, after / 1e6);
        assertTrue(after < before / 2, "the stop compacted the catalog: " + before + " -> " + after + " bytes");
        assertTrue(text.lines().anyMatch(line -> line.contains(" INFO ") && line.contains("compacted at stop")),
                "the log says how much the compaction gave back");
        assertEquals(List.of(), text.lines().filter(line -> line.contains(" ERROR ")).toList(),
                "no ERROR line in the log of a clean stop");

        try (VaultProcess again = VaultProcess.start(data, work.resolve("again.log"), List.of(), java.util.Map.of())) {
            VaultClient client = new VaultClient(again, Duration.ofSeconds(60));
            assertEquals(DOCUMENTS, client.allDocuments(ANALYST).size(), "every document is there after compaction");
        }
    }
}
