package dev.strongroom.keys;

import dev.strongroom.DirectorySync;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.KeyId;
import dev.strongroom.signing.KeyJson;
import dev.strongroom.signing.Pem;
import dev.strongroom.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The keys folder on the data volume ({@code <data-dir>/keys}, mode 0700): {@code history.json}, and
 * {@code <key id>.key.pem} (PKCS#8) for the key that may sign, each mode 0600. Every file is replaced
 * whole and durably (temporary file, fsync, rename, fsync of the folder), so a crash leaves the old
 * or the new content, never a mix. CDI-free: the restore command fills it before any vault runs.
 */
public final class KeyLedger {

    public static final String DIR = "keys";
    static final String HISTORY = "history.json";
    /** Left by the restore command for the vault to audit at its next start. */
    static final String RESTORE_NOTE = "restored-from.json";
    /** The single key file of vaults from before key histories. */
    static final String LEGACY_PRIVATE = "vault-ed25519.key.pem";
    static final String LEGACY_PUBLIC = "vault-ed25519.pub.pem";

    private final Path dir;

    public KeyLedger(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
    }

    public Path dir() {
        return dir;
    }

    public Optional<KeyHistory> history() {
        Path file = dir.resolve(HISTORY);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyHistory.parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key history " + file, e);
        }
    }

    public void writeHistory(KeyHistory history) {
        write(dir.resolve(HISTORY), history.toJson());
    }

    /**
     * The private key of {@code keyId}, when its file is there.
     *
     * @throws IllegalStateException when the file holds something else than that key
     */
    public Optional<SigningKey> privateKey(String keyId) {
        return read(privateFile(keyId), keyId);
    }

    public void writePrivateKey(SigningKey key) {
        write(privateFile(key.keyId()), Pem.encode("PRIVATE KEY", key.pkcs8()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Another small state file of the keys folder, replaced whole and durably, mode 0600. */
    void writeFile(String name, byte[] content) {
        write(dir.resolve(name), content);
    }

    /** Records where a restore brought the key from, for the vault to audit ({@link #takeRestoreNote}). */
    void noteRestore(String bucket, String keyId) {
        write(dir.resolve(RESTORE_NOTE), KeyJson.MAPPER.createObjectNode().put("bucket", bucket).put("keyId", keyId)
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The restore note's content, removed once read; empty when there is none. */
    Optional<String> takeRestoreNote() {
        Path note = dir.resolve(RESTORE_NOTE);
        try {
            if (!Files.isRegularFile(note)) {
                return Optional.empty();
            }
            String content = Files.readString(note, StandardCharsets.UTF_8);
            Files.delete(note);
            DirectorySync.fsync(dir);
            return Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the restore note " + note, e);
        }
    }

    /** A retired key must never sign again, so its private half leaves the volume. */
    public void deletePrivateKey(String keyId) {
        try {
            if (Files.deleteIfExists(privateFile(keyId))) {
                DirectorySync.fsync(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the retired key " + keyId, e);
        }
    }

    /** The key of a vault from before key histories, if this volume holds one. */
    Optional<SigningKey> legacyKey() {
        return read(dir.resolve(LEGACY_PRIVATE), null);
    }

    /** After the legacy key was written under its id and into the history. */
    void removeLegacyFiles() {
        try {
            Files.deleteIfExists(dir.resolve(LEGACY_PRIVATE));
            Files.deleteIfExists(dir.resolve(LEGACY_PUBLIC));
            DirectorySync.fsync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the legacy key files in " + dir, e);
        }
    }

    private Path privateFile(String keyId) {
        if (!KeyId.wellFormed(keyId)) {
            throw new IllegalArgumentException("not a key id: " + keyId);
        }
        return dir.resolve(keyId + ".key.pem");
    }

    private static Optional<SigningKey> read(Path file, String expectedId) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SigningKey key;
        try {
            key = SigningKey.fromPkcs8(Pem.decode(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the private key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the private key file " + file + " is unusable: " + e.getMessage(), e);
        }
        if (expectedId != null && !key.keyId().equals(expectedId)) {
            throw new IllegalStateException("the private key file " + file + " holds key " + key.keyId()
                    + ", not " + expectedId);
        }
        return Optional.of(key);
    }

    private void write(Path target, byte[] content) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Path temp = dir.resolve(target.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirectorySync.fsync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
