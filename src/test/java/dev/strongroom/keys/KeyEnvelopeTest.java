package dev.strongroom.keys;

import dev.strongroom.signing.Pem;
import dev.strongroom.signing.SigningKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key's backup where there is no KMS: sealed under a passphrase, opened only with it, only as itself. */
class KeyEnvelopeTest {

    @TempDir
    Path dir;

    @Test
    void aPassphraseEnvelopeOpensToTheSameKeyWithTheSamePassphraseOnly() throws IOException {
        SigningKey key = SigningKey.generate();
        KeyEnvelope envelope = passphrase("correct horse battery staple").seal(key);
        String json = new String(envelope.toJson(), StandardCharsets.UTF_8);

        assertEquals(Protection.PASSPHRASE, envelope.protection());
        assertFalse(json.contains(Pem.encode("PRIVATE KEY", key.pkcs8())), "the private key is not in the clear");
        SigningKey opened = passphrase("correct horse battery staple").open(KeyEnvelope.parse(envelope.toJson()));
        assertEquals(key.keyId(), opened.keyId());
        byte[] message = "receipt payload".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(key.sign(message), opened.sign(message), "the same key signs the same bytes");

        KeyNotRecovered wrong = assertThrows(KeyNotRecovered.class,
                () -> passphrase("a different passphrase!").open(envelope));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
    }

    @Test
    void anEnvelopeRelabelledAsAnotherKeyDoesNotOpen() throws IOException {
        SigningKey key = SigningKey.generate();
        KeyEnvelope envelope = passphrase("correct horse battery staple").seal(key);
        String other = SigningKey.generate().keyId();
        KeyEnvelope relabelled = new KeyEnvelope(envelope.format(), other, envelope.protection(), envelope.kms(),
                envelope.scrypt(), envelope.cipher(), envelope.iv(), envelope.ciphertext());

        assertThrows(KeyNotRecovered.class, () -> passphrase("correct horse battery staple").open(relabelled));
    }

    @Test
    void aPassphraseFileOthersCanReadOrAShortPassphraseIsRefused() throws IOException {
        Path readable = dir.resolve("readable");
        Files.writeString(readable, "correct horse battery staple\n");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> PassphraseKeyProtector.fromFile(readable));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());

        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> passphrase("too short"));
        assertTrue(shortOne.getMessage().contains("shorter than 16"), shortOne.getMessage());
    }

    @Test
    void withoutAPassphraseFileAPassphraseEnvelopeSaysWhatIsMissing() throws IOException {
        KeyEnvelope envelope = passphrase("correct horse battery staple").seal(SigningKey.generate());
        KeyProtectors onlyKms = new KeyProtectors(Optional.empty(), Optional.empty(), false, null);

        KeyNotRecovered e = assertThrows(KeyNotRecovered.class, () -> onlyKms.open(envelope));
        assertTrue(e.getMessage().contains("--key-passphrase-file"), e.getMessage());
    }

    private PassphraseKeyProtector passphrase(String text) throws IOException {
        Path file = Files.createTempFile(dir, "passphrase", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text + "\n");
        return PassphraseKeyProtector.fromFile(file);
    }
}
