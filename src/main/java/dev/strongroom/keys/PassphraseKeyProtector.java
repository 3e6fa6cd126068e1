package dev.strongroom.keys;

import dev.strongroom.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * For places without KMS (a laptop, a lab, the local emulator setup): the envelope's AES-256 key is
 * derived from a passphrase with scrypt (Bouncy Castle's), so the backup holds nothing that opens it.
 * The passphrase is read from a file only its owner can read, never from the configuration itself;
 * whoever restores needs the same passphrase.
 */
public final class PassphraseKeyProtector implements KeyProtector {

    /** 2^15 rounds, 8 blocks: about 32 MiB and a tenth of a second, paid once per backup or restore. */
    static final int COST = 1 << 15;
    static final int BLOCK_SIZE = 8;
    static final int PARALLELISM = 1;
    static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final byte[] passphrase;

    private PassphraseKeyProtector(Path file, byte[] passphrase) {
        this.file = file;
        this.passphrase = passphrase;
    }

    /**
     * @throws IllegalArgumentException when the file is missing, readable by others than its owner,
     *         or holds fewer than 16 characters (one trailing newline is not part of the passphrase)
     */
    public static PassphraseKeyProtector fromFile(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("the passphrase file " + file + " can be read by others than its "
                        + "owner; chmod 600 it");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.codePointCount(0, text.length()) < MIN_LENGTH) {
                throw new IllegalArgumentException("the passphrase in " + file + " is shorter than " + MIN_LENGTH
                        + " characters");
            }
            return new PassphraseKeyProtector(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Protection protection() {
        return Protection.PASSPHRASE;
    }

    @Override
    public String description() {
        return "passphrase from " + file;
    }

    @Override
    public KeyEnvelope seal(SigningKey key) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        KeyEnvelope.Scrypt scrypt = new KeyEnvelope.Scrypt(Base64.getEncoder().encodeToString(salt), COST, BLOCK_SIZE,
                PARALLELISM);
        byte[] dataKey = derive(scrypt);
        try {
            return KeyEnvelope.seal(key, dataKey, Protection.PASSPHRASE, null, scrypt);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public SigningKey open(KeyEnvelope envelope) {
        if (envelope.scrypt() == null) {
            throw new KeyNotRecovered("the envelope of key " + envelope.keyId() + " carries no scrypt parameters");
        }
        if (envelope.scrypt().n() > 1 << 20 || envelope.scrypt().r() > 32 || envelope.scrypt().p() > 16) {
            throw new KeyNotRecovered("the envelope of key " + envelope.keyId() + " asks for scrypt parameters beyond "
                    + "any the vault writes");
        }
        byte[] dataKey = derive(envelope.scrypt());
        try {
            return envelope.open(dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] derive(KeyEnvelope.Scrypt scrypt) {
        return SCrypt.generate(passphrase, Base64.getDecoder().decode(scrypt.salt()), scrypt.n(), scrypt.r(),
                scrypt.p(), 32);
    }
}
