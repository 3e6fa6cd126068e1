package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A bucket another vault has claimed takes no write from this one, whoever writes; reads still work. */
class ClaimedBucketTest {

    private static final String REFUSAL = "the bucket memory is claimed by vault v-production, not by this vault "
            + "v-staging";

    private final InMemoryBackupTarget memory = new InMemoryBackupTarget();
    private final AtomicReference<Optional<String>> verdict = new AtomicReference<>(Optional.empty());
    private final BackupTarget bucket = new ClaimedBucket(memory, verdict::get);

    private static ObjectUpload upload(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ObjectUpload.of(key, ObjectSource.of(bytes), "text/plain", Sha256.hexOf(bytes));
    }

    @Test
    void whileTheClaimNamesAnotherVaultNoWriteReachesTheBucketAndTheRefusalSaysWhy() {
        StoredVersion before = bucket.put(upload("hosts/h1/digests/1.json", "digest one"));
        verdict.set(Optional.of(REFUSAL));

        BucketClaimedElsewhere put = assertThrows(BucketClaimedElsewhere.class,
                () -> bucket.put(upload("hosts/h2/digests/2.json", "digest two")));
        assertTrue(put.getMessage().contains("hosts/h2/digests/2.json") && put.getMessage().contains(REFUSAL),
                put.getMessage());
        assertThrows(BucketClaimedElsewhere.class, () -> bucket.putIfAbsent(upload("keys/signing.json", "key")));
        assertThrows(BucketClaimedElsewhere.class, () -> bucket.retain("hosts/h1/digests/1.json", before.versionId(),
                new Retention("COMPLIANCE", Instant.now().plus(1, ChronoUnit.DAYS))));

        assertEquals(List.of("hosts/h1/digests/1.json"), memory.list("").stream().map(ListedObject::key).toList());
        assertArrayEquals("digest one".getBytes(StandardCharsets.UTF_8), bucket.read("hosts/h1/digests/1.json", null));
    }

    @Test
    void theClaimItselfIsAlwaysWrittenSinceThatIsHowAVaultTakesOrJoinsAnEmptyBucket() {
        verdict.set(Optional.of(REFUSAL));

        bucket.putIfAbsent(upload(ObjectKeys.CLAIM, "{\"vaultId\":\"v-staging\"}"));

        assertTrue(memory.head(ObjectKeys.CLAIM, null).isPresent());
    }
}
