package dev.strongroom.store;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScrubTest {

    private static Path blob(String sha256) {
        return Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "blobs",
                sha256.substring(0, 2), sha256.substring(2, 4), sha256);
    }

    @Test
    void scrubReportsEveryMissingAndCorruptBlob() throws Exception {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        byte[] gone = Samples.text(300);
        byte[] rotten = Samples.text(400);
        byte[] fine = Samples.text(500);
        for (byte[] bytes : new byte[][] { gone, rotten, fine }) {
            Vault.upload(alice, "s.txt", bytes).then().statusCode(201);
        }
        Path missing = blob(Samples.sha256(gone));
        Path corrupt = blob(Samples.sha256(rotten));
        byte[] goneBackup = Files.readAllBytes(missing);
        byte[] rottenBackup = Files.readAllBytes(corrupt);
        try {
            Files.delete(missing);
            byte[] flipped = rottenBackup.clone();
            flipped[10] ^= 1;
            Files.write(corrupt, flipped, StandardOpenOption.TRUNCATE_EXISTING);
            Vault.as(ops).post("/api/scrub").then().statusCode(200).body("ok", equalTo(false))
                    .body("findings.sha256", hasItems(Samples.sha256(gone), Samples.sha256(rotten)))
                    .body("findings.kind", hasItems("missing", "hash-mismatch"))
                    .body("findings.size()", equalTo(2));
        } finally {
            Files.write(missing, goneBackup);
            Files.write(corrupt, rottenBackup, StandardOpenOption.TRUNCATE_EXISTING);
        }
        Vault.as(ops).post("/api/scrub").then().statusCode(200).body("ok", equalTo(true));
    }
}
