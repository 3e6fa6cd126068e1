package dev.strongroom.signing;

import dev.strongroom.keys.KeyLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the history lets a verifier conclude, and how the keys folder keeps it. */
class KeyHistoryTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant ROTATED = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void afterARotationOldSignaturesHoldAndTheOldKeyCannotSpeakForLaterTimes() {
        SigningKey first = SigningKey.generate();
        SigningKey second = SigningKey.generate();
        KeyHistory history = KeyHistory.first(first, START).rotatedTo(second, ROTATED);
        byte[] message = "a statement".getBytes(StandardCharsets.UTF_8);
        String byFirst = Base64.getEncoder().encodeToString(first.sign(message));

        assertEquals(ROTATED.toString(), history.find(first.keyId()).orElseThrow().validUntil());
        assertNull(history.current().orElseThrow().validUntil());
        assertEquals(second.keyId(), history.current().orElseThrow().keyId());
        assertEquals(Optional.empty(), history.signatureProblem(first.keyId(), message, byFirst,
                ROTATED.minusSeconds(60)));
        assertTrue(history.signatureProblem(first.keyId(), message, byFirst, ROTATED.plusSeconds(60)).orElseThrow()
                .contains("was retired"));
        assertEquals(Optional.empty(), history.signatureProblem(null, message, byFirst, null),
                "a statement naming no key is the first key's");
        assertTrue(history.signatureProblem(second.keyId(), message, byFirst, null).orElseThrow()
                .contains("does not verify"));
        assertTrue(history.signatureProblem(SigningKey.generate().keyId(), message, byFirst, null).orElseThrow()
                .contains("not in the key history"));
    }

    @Test
    void aPemSwappedUnderAKeyIdIsRefused() {
        SigningKey key = SigningKey.generate();
        PublishedKey honest = PublishedKey.of(key, START);
        PublishedKey swapped = new PublishedKey(honest.keyId(), honest.algorithm(), honest.validFrom(), null,
                SigningKey.generate().publicKeyPem());

        assertEquals(key.keyId(), KeyId.of(honest.publicKey()));
        assertThrows(IllegalArgumentException.class, swapped::publicKey);
    }

    @Test
    void aVerifierTakesTheHistoryOrABarePem() throws IOException {
        SigningKey key = SigningKey.generate();
        Path json = dir.resolve("strongroom-keys.json");
        Files.write(json, KeyHistory.first(key, START).toJson());
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, key.publicKeyPem());
        Path neither = dir.resolve("neither.txt");
        Files.writeString(neither, "hello");

        assertEquals(key.keyId(), KeyHistory.read(json).current().orElseThrow().keyId());
        assertEquals(key.keyId(), KeyHistory.read(pem).current().orElseThrow().keyId());
        assertThrows(IllegalArgumentException.class, () -> KeyHistory.read(neither));
    }

    @Test
    void theKeysFolderIsPrivateAndAKeyFileMustHoldTheKeyItIsNamedFor() throws IOException {
        KeyLedger ledger = new KeyLedger(dir.resolve("data"));
        SigningKey key = SigningKey.generate();
        ledger.writePrivateKey(key);
        ledger.writeHistory(KeyHistory.first(key, START));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ledger.dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                ledger.dir().resolve(key.keyId() + ".key.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                ledger.dir().resolve("history.json"))));
        assertEquals(key.keyId(), ledger.privateKey(key.keyId()).orElseThrow().keyId());

        SigningKey other = SigningKey.generate();
        Files.move(ledger.dir().resolve(key.keyId() + ".key.pem"), ledger.dir().resolve(other.keyId() + ".key.pem"));
        assertThrows(IllegalStateException.class, () -> ledger.privateKey(other.keyId()));
        assertEquals(Optional.empty(), ledger.privateKey(key.keyId()));
    }
}
