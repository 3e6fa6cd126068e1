package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.hardening.DiskSpace;
import dev.strongroom.process.VaultClient.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged vault on a data volume of its own (a small tmpfs), filled by small and large uploads
 * until it refuses them, then filled to the last byte from outside. Every refused upload is a 507,
 * never a 500; downloads go on with their events written from the journal's reserve; no audit line is
 * ever left half-written; and once space is freed (the filler removed, the volume grown) the chain
 * verifies and the vault starts again and takes uploads.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class FullDiskIT {

    private static final int TMPFS_MIB = 64;
    private static final int FLOOR = 6 * 1024 * 1024;
    private static final int RESERVE = 1024 * 1024;
    private static final int SMALL = 20 * 1024;
    private static final int LARGE = 3 * 1024 * 1024;
    private static final User ANALYST = new User("disk-analyst", "analyst-password-for-disk");
    private static final User AUDITOR = new User("disk-auditor", "auditor-password-for-disk");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aFullVolumeRefusesEveryUploadWith507KeepsTheChainWholeAndStartsAgain() throws Exception {
        Path work = ScratchDirectory.fresh("full-disk");
        Path data = Files.createDirectories(work.resolve("data"));
        boolean mounted = DiskSpace.mountTmpfs(data, TMPFS_MIB);
        DiskSpace.requireMounted(mounted, data);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        Path filler = data.resolve("filler-from-outside.bin");
        try {
            List<String> stored = new ArrayList<>();
            try (VaultProcess vault = start(data, work, "filling")) {
                VaultClient client = new VaultClient(vault, Duration.ofSeconds(120));
                client.createUser(ANALYST, "analyst");
                client.createUser(AUDITOR, "auditor");
                SplittableRandom random = new SplittableRandom(16);
                int refusedSmall = 0;
                int refusedLarge = 0;
                for (int i = 0; i < 400 && (refusedSmall < 5 || refusedLarge < 5); i++) {
                    boolean large = i % 3 == 2;
                    HttpResponse<String> response = upload(client, "fill-" + i + ".txt", large ? LARGE : SMALL, random);
                    count(outcomes, (large ? "large " : "small ") + response.statusCode());
                    if (response.statusCode() == 201) {
                        stored.add(VaultClient.json(response).path("id").asText());
                    } else if (response.statusCode() == 507) {
                        assertVolumeFullProblem(response, wrong);
                        refusedSmall += large ? 0 : 1;
                        refusedLarge += large ? 1 : 0;
                    } else {
                        wrong.add("upload " + i + " (" + (large ? LARGE : SMALL) + " bytes) answered "
                                + response.statusCode() + ": " + response.body());
                    }
                }
                assertTrue(refusedSmall >= 5 && refusedLarge >= 5, "the volume never filled: " + outcomes);
                assertTrue(stored.size() > 5, "the volume took hardly anything: " + outcomes);

                // Another process takes the rest of the volume, down to the last byte.
                DiskSpace.fill(filler, Files.getFileStore(data).getUsableSpace() + 1024 * 1024);
                for (int i = 0; i < 6; i++) {
                    boolean large = i % 2 == 1;
                    HttpResponse<String> response = upload(client, "at-zero-" + i + ".txt", large ? LARGE : SMALL,
                            random);
                    count(outcomes, "at zero bytes free, " + (large ? "large " : "small ") + response.statusCode());
                    if (response.statusCode() != 507) {
                        wrong.add("upload at zero bytes free answered " + response.statusCode() + ": " + response.body());
                    }
                    int download = client.download(ANALYST, stored.get(i)).status();
                    count(outcomes, "download at zero bytes free " + download);
                    if (download != 200) {
                        wrong.add("a download at zero bytes free answered " + download);
                    }
                }
                assertEveryLineWhole(data, wrong);
                // The operator removes the other process's file and grows the volume, full of documents.
                Files.delete(filler);
                DiskSpace.resize(data, 2 * TMPFS_MIB);
                assertEquals(201, upload(client, "after-freeing.txt", SMALL, random).statusCode());
                JsonNode verified = client.verifyFull(AUDITOR);
                assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
                vault.kill();
            }
            assertEveryLineWhole(data, wrong);
            try (VaultProcess vault = start(data, work, "after-freeing")) {
                VaultClient client = new VaultClient(vault, Duration.ofSeconds(120));
                JsonNode verified = client.verifyFull(AUDITOR);
                assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
                for (String id : stored) {
                    assertEquals(200, client.download(ANALYST, id).status());
                }
                assertEquals(201, upload(client, "after-restart.txt", SMALL, new SplittableRandom(1)).statusCode());
                vault.kill();
            }
        } finally {
            Files.deleteIfExists(filler);
            DiskSpace.unmount(data);
        }
        System.out.println("FullDiskIT outcomes: " + outcomes);
        assertEquals(List.of(), wrong);
    }

    private static void assertVolumeFullProblem(HttpResponse<String> response, List<String> wrong) {
        JsonNode problem = VaultClient.json(response);
        if (!problem.path("type").asText().endsWith("/volume-full")
                || !problem.path("detail").asText().contains("data volume is full")) {
            wrong.add("a 507 without the volume-full problem: " + response.body());
        }
    }

    /** Every segment ends with a line feed and every line is a complete event. */
    private static void assertEveryLineWhole(Path data, List<String> wrong) throws IOException {
        JournalFiles journal = new JournalFiles(data);
        for (Path segment : journal.segments()) {
            byte[] bytes = Files.readAllBytes(segment);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                wrong.add("segment " + segment.getFileName() + " ends in a half-written line");
            }
            for (String line : JournalFiles.lines(segment)) {
                if (JournalFiles.hashOf(line) == null) {
                    wrong.add("segment " + segment.getFileName() + " holds a line that is no whole event: "
                            + line.substring(0, Math.min(80, line.length())));
                }
            }
        }
    }

    private static HttpResponse<String> upload(VaultClient client, String name, int size, SplittableRandom random)
            throws Exception {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) ('a' + random.nextInt(26));
        }
        return client.upload(ANALYST, name, size, () -> new ByteArrayInputStream(content));
    }

    private static void count(Map<String, Integer> outcomes, String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static VaultProcess start(Path data, Path work, String name) {
        return VaultProcess.start(data, work.resolve("vault-" + name + ".log"), List.of("-Xmx256m"), Map.of(
                "STRONGROOM_AUDIT_CLOUDWATCH_ENABLED", "false", "STRONGROOM_METADATA_ENABLED", "false",
                "STRONGROOM_STORE_MIN_FREE_BYTES", "0", "STRONGROOM_STORE_WRITE_FLOOR_BYTES", Integer.toString(FLOOR),
                "STRONGROOM_AUDIT_JOURNAL_RESERVE_BYTES", Integer.toString(RESERVE),
                "STRONGROOM_UPLOAD_MAX_FILE_BYTES", Integer.toString(8 * 1024 * 1024)));
    }
}
