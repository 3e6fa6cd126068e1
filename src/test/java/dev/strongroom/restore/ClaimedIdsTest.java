package dev.strongroom.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.storage.InMemoryBackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.ObjectSource;
import dev.strongroom.storage.ObjectUpload;
import dev.strongroom.storage.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault restored from S3 onto an empty disk is the vault the bucket's claim names, so the bucket takes its
 * backups again instead of refusing a vault it does not know (docs/backup-format.md, "Bucket claim").
 */
class ClaimedIdsTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dataDir;

    private final InMemoryBackupTarget bucket = new InMemoryBackupTarget();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aRestoredSingleHostVaultKeepsTheVaultAndHostIdsTheClaimNamesPrivately() throws IOException {
        claim(new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", SINCE,
                List.of(new BucketClaim.Host("host-a1b2c3d4", SINCE))));

        ClaimedIds.adopt(bucket, dataDir, log);

        assertEquals("finance-prod", Files.readString(dataDir.resolve("vault-id")).strip());
        assertEquals("host-a1b2c3d4", Files.readString(dataDir.resolve("host-id")).strip());
        for (String file : List.of("vault-id", "host-id")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))));
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("vault finance-prod, host host-a1b2c3d4"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withSeveralHostsInTheClaimOnlyTheVaultIdIsKeptAndTheRestoreSaysWhy() throws IOException {
        claim(new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", SINCE,
                List.of(new BucketClaim.Host("a", SINCE), new BucketClaim.Host("b", SINCE))));

        ClaimedIds.adopt(bucket, dataDir, log);

        assertEquals("finance-prod", Files.readString(dataDir.resolve("vault-id")).strip());
        assertTrue(Files.notExists(dataDir.resolve("host-id")));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("2 hosts in the claim"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRestoreFromABucketClaimedByTwoHostsIsNeverComplete() throws IOException {
        claim(new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", SINCE,
                List.of(new BucketClaim.Host("a", SINCE), new BucketClaim.Host("b", SINCE))));

        List<RestoreVerdict.Missing> leftOut = ClaimedIds.hostsLeftOut(ClaimedIds.adopt(bucket, dataDir, log));
        RestoreVerdict verdict = RestoreVerdict.of(leftOut, List.of(), List.of(), true);

        assertEquals(List.of("host a", "host b"), leftOut.stream().map(RestoreVerdict.Missing::id).toList());
        assertEquals(RestoreVerdict.Outcome.INCOMPLETE, verdict.outcome());
        assertTrue(verdict.lines().get(0).contains("2 item(s) NOT brought back"), verdict.lines().get(0));
    }

    @Test
    void aRestoreFromABucketOfOneHostLeavesNoHostOut() throws IOException {
        claim(new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", SINCE,
                List.of(new BucketClaim.Host("a", SINCE))));

        assertEquals(List.of(), ClaimedIds.hostsLeftOut(ClaimedIds.adopt(bucket, dataDir, log)));
    }

    @Test
    void aBucketWithoutAClaimLeavesTheIdsToTheRestoredVault() throws IOException {
        ClaimedIds.adopt(bucket, dataDir, log);

        try (var files = Files.list(dataDir)) {
            assertEquals(List.of(), files.toList());
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("holds no claim"));
    }

    private void claim(BucketClaim claim) throws IOException {
        byte[] json = BackupJson.MAPPER.writeValueAsBytes(claim);
        bucket.put(ObjectUpload.of(ObjectKeys.CLAIM, ObjectSource.of(json), "application/json", Sha256.hexOf(json)));
    }
}
