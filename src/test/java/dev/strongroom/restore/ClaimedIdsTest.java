package dev.strongroom.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.storage.HostKeys;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault restored from S3 onto an empty disk is the vault the bucket's claim names and the host whose chain it
 * rebuilt, so the bucket takes its backups again (docs/backup-format.md, "Bucket claim"); a bucket of several hosts
 * is restored host by host, and each restore names the hosts it left out.
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
        Optional<BucketClaim> claim = claim("host-a1b2c3d4");

        ClaimedIds.Choice choice = ClaimedIds.choose(claim, List.of(HostKeys.of("host-a1b2c3d4")), Optional.empty());
        ClaimedIds.adopt(claim, choice, dataDir, log);

        assertEquals("finance-prod", Files.readString(dataDir.resolve("vault-id")).strip());
        assertEquals("host-a1b2c3d4", Files.readString(dataDir.resolve("host-id")).strip());
        for (String file : List.of("vault-id", "host-id")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))));
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("vault finance-prod, host host-a1b2c3d4"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withSeveralHostsTheRestoredHostKeepsItsOwnId() throws IOException {
        Optional<BucketClaim> claim = claim("a", "b");

        ClaimedIds.Choice choice = ClaimedIds.choose(claim, List.of(HostKeys.of("a"), HostKeys.of("b")),
                Optional.of("b"));
        ClaimedIds.adopt(claim, choice, dataDir, log);

        assertEquals(HostKeys.of("b"), choice.chain());
        assertEquals("finance-prod", Files.readString(dataDir.resolve("vault-id")).strip());
        assertEquals("b", Files.readString(dataDir.resolve("host-id")).strip());
    }

    @Test
    void aRestoreOfOneOfTwoHostsIsNeverCompleteAndNamesTheOther() throws IOException {
        ClaimedIds.Choice choice = ClaimedIds.choose(claim("a", "b"), List.of(HostKeys.of("a"), HostKeys.of("b")),
                Optional.of("a"));
        List<RestoreVerdict.Missing> leftOut = ClaimedIds.hostsLeftOut(choice, CopySource.PRIMARY_BUCKET);
        RestoreVerdict verdict = RestoreVerdict.of(leftOut, List.of(), List.of(), true);

        assertEquals(List.of("host b"), leftOut.stream().map(RestoreVerdict.Missing::id).toList());
        assertTrue(leftOut.get(0).stillAt().get(0).how().contains("--host b"), leftOut.get(0).stillAt().toString());
        assertEquals(RestoreVerdict.Outcome.INCOMPLETE, verdict.outcome());
        assertTrue(verdict.lines().get(0).contains("1 item(s) NOT brought back"), verdict.lines().get(0));
    }

    @Test
    void withSeveralHostsAndNoneNamedTheRestoreRefusesToGuess() throws IOException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ClaimedIds.choose(
                claim("a", "b"), List.of(HostKeys.of("a"), HostKeys.of("b")), Optional.empty()));

        assertTrue(refused.getMessage().contains("--host"), refused.getMessage());
    }

    @Test
    void aHostOfTheClaimWithoutAChainInTheBucketIsStillNamedAsLeftOut() throws IOException {
        ClaimedIds.Choice choice = ClaimedIds.choose(claim("a", "b"), List.of(HostKeys.of("a")), Optional.of("a"));

        assertEquals(List.of("host b"), choice.leftOut());
    }

    @Test
    void aRestoreFromABucketOfOneHostLeavesNoHostOut() throws IOException {
        ClaimedIds.Choice choice = ClaimedIds.choose(claim("a"), List.of(HostKeys.of("a")), Optional.empty());

        assertEquals(List.of(), ClaimedIds.hostsLeftOut(choice, CopySource.PRIMARY_BUCKET));
    }

    @Test
    void theUnprefixedChainIsTheChainOfTheHostThatClaimedTheBucket() throws IOException {
        ClaimedIds.Choice first = ClaimedIds.choose(claim("a", "b"), List.of(HostKeys.of("b"), HostKeys.legacy()),
                Optional.of("a"));
        ClaimedIds.Choice second = ClaimedIds.choose(claim("a", "b"), List.of(HostKeys.of("b"), HostKeys.legacy()),
                Optional.of("b"));

        assertEquals(HostKeys.legacy(), first.chain());
        assertEquals(Optional.of("a"), first.hostId());
        assertEquals(List.of("host b"), first.leftOut());
        assertEquals(HostKeys.of("b"), second.chain());
        assertEquals(List.of("host a"), second.leftOut());
    }

    @Test
    void withoutAClaimAnUnprefixedChainBesideAHostsChainIsNamedAsLeftOut() {
        ClaimedIds.Choice choice = ClaimedIds.choose(Optional.empty(), List.of(HostKeys.of("b"), HostKeys.legacy()),
                Optional.of("b"));

        assertEquals(List.of(HostKeys.legacy().label()), choice.leftOut());
    }

    @Test
    void aBucketWithoutAClaimLeavesTheIdsToTheRestoredVault() throws IOException {
        Optional<BucketClaim> claim = ClaimedIds.read(bucket, log);
        ClaimedIds.adopt(claim, ClaimedIds.choose(claim, List.of(HostKeys.legacy()), Optional.empty()), dataDir, log);

        try (var files = Files.list(dataDir)) {
            assertEquals(List.of(), files.toList());
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("holds no claim"));
    }

    private Optional<BucketClaim> claim(String... hosts) throws IOException {
        BucketClaim claim = new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", SINCE,
                List.of(hosts).stream().map(h -> new BucketClaim.Host(h, SINCE)).toList());
        byte[] json = BackupJson.MAPPER.writeValueAsBytes(claim);
        bucket.put(ObjectUpload.of(ObjectKeys.CLAIM, ObjectSource.of(json), "application/json", Sha256.hexOf(json)));
        return ClaimedIds.read(bucket, log);
    }
}
