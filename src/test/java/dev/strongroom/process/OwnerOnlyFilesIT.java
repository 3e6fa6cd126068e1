package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.process.VaultClient.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged vault started from a shell whose umask is 000, as {@code ./run} or a plain
 * {@code java -jar} may be: after it has created its catalog, journal, keys and blobs and served
 * uploads, every file it made on the data volume is readable by its user only (0600; 0700 for the OCR
 * wrapper script it must execute) and every directory 0700.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class OwnerOnlyFilesIT {

    private static final User ANALYST = new User("modes-analyst", "analyst-password-for-modes");

    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyFileTheVaultCreatesIsPrivateWhateverTheUmask() throws Exception {
        Path work = ScratchDirectory.fresh("modes");
        Path data = work.resolve("data");
        try (VaultProcess vault = VaultProcess.startUnderUmask("000", data, work.resolve("vault.log"))) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            client.createUser(ANALYST, "analyst");
            for (int i = 0; i < 3; i++) {
                byte[] file = ("private receipt " + i + "\n").repeat(50).getBytes(StandardCharsets.US_ASCII);
                assertEquals(201, client.upload(ANALYST, "modes-" + i + ".txt", file.length,
                        () -> new ByteArrayInputStream(file)).statusCode());
            }
        }
        List<String> open = new ArrayList<>();
        int[] counted = new int[2];
        try (Stream<Path> all = Files.walk(data)) {
            all.forEach(path -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    boolean directory = Files.isDirectory(path);
                    counted[directory ? 1 : 0]++;
                    // The OCR wrapper the vault writes for Tesseract must be executable: rwx------.
                    String owner = directory || path.getParent().getFileName().toString().equals("ocr-bin") ? "rwx"
                            : "rw-";
                    if (!mode.equals(owner + "------")) {
                        open.add(data.relativize(path) + " " + mode);
                    }
                } catch (IOException e) {
                    open.add(path + " unreadable: " + e);
                }
            });
        }
        assertTrue(counted[0] >= 6, "the vault wrote catalog, journal, key and blob files: " + counted[0]);
        assertTrue(Files.isDirectory(data.resolve("blobs")) && Files.isDirectory(data.resolve("audit/journal"))
                && Files.isDirectory(data.resolve("catalog")), "the data directory has its usual layout");
        assertEquals(List.of(), open, "files not 0600 or directories not 0700 among " + counted[0] + " files and "
                + counted[1] + " directories");
    }
}
