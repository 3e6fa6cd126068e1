package dev.strongroom.restore;

import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedVersion;
import dev.strongroom.storage.ObjectMissing;
import dev.strongroom.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads one object version and checks its SHA-256 while streaming. When the bucket does not
 * hold the recorded version (objects copied into a replica by hand get new version ids; S3
 * replication keeps them), the key's versions are tried newest first and the one whose bytes match
 * is taken: the SHA-256, not the version id, is what proves the bytes.
 */
public final class ObjectFetcher {

    /** Where the bytes go; {@code accept} returns true when the caller keeps them. */
    interface Sink {
        OutputStream open() throws IOException;

        boolean accept(String sha256) throws IOException;

        void discard() throws IOException;
    }

    private final BackupTarget target;
    private final String bucket;
    final AtomicInteger fallbacks = new AtomicInteger();

    public ObjectFetcher(BackupTarget target) {
        this.target = target;
        this.bucket = target.location();
    }

    /** The version whose bytes matched, and how many bytes it had. */
    public record Fetched(String versionId, long bytes) {
    }

    /** Returns the bytes fetched, or throws {@link RestoreFailure} when no version matches. */
    long fetch(String key, String versionId, String sha256, Sink sink) throws IOException {
        return fetchVerified(key, versionId, sha256, sink).bytes();
    }

    private Fetched fetchVerified(String key, String versionId, String sha256, Sink sink) throws IOException {
        if (versionId != null) {
            try {
                return new Fetched(versionId, fetchVersion(key, versionId, sha256, sink));
            } catch (ObjectMissing e) {
                // Not there under this version id; look among the key's versions below.
            } catch (RestoreFailure e) {
                // The recorded version has other bytes; look among the others below.
            }
        }
        List<ListedVersion> versions = target.versions(key).stream().filter(v -> v.key().equals(key))
                .sorted(Comparator.comparing(ListedVersion::lastModified).reversed()).toList();
        for (ListedVersion version : versions) {
            try {
                long bytes = fetchVersion(key, version.versionId(), sha256, sink);
                if (versionId != null) {
                    fallbacks.incrementAndGet();
                }
                return new Fetched(version.versionId(), bytes);
            } catch (RestoreFailure e) {
                // try the next older version
            }
        }
        throw new RestoreFailure(versions.isEmpty() ? key + " is not in bucket " + bucket
                : "no version of " + key + " in bucket " + bucket + " has SHA-256 " + sha256);
    }

    private long fetchVersion(String key, String versionId, String sha256, Sink sink) throws IOException {
        MessageDigest digest = Sha256.digest();
        long bytes;
        try (InputStream in = target.open(key, versionId);
                OutputStream out = new DigestOutputStream(sink.open(), digest)) {
            bytes = in.transferTo(out);
        }
        String actual = Sha256.hex(digest.digest());
        if (!actual.equals(sha256) || !sink.accept(actual)) {
            sink.discard();
            throw new RestoreFailure(key + " version " + versionId + " hashes to " + actual + ", not " + sha256);
        }
        return bytes;
    }

    /** A single object could not be restored; the restore goes on with the others. */
    public static final class RestoreFailure extends RuntimeException {
        RestoreFailure(String message) {
            super(message);
        }
    }

    /**
     * Downloads one object to {@code target} through a temp file, keeping it only when its SHA-256
     * matches; returns the version that matched, which differs from {@code versionId} when that
     * version's bytes did not.
     */
    public Fetched fetchToFile(String key, String versionId, String sha256, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        return fetchVerified(key, versionId, sha256, new Sink() {
            @Override
            public OutputStream open() throws IOException {
                return Files.newOutputStream(temp);
            }

            @Override
            public boolean accept(String actual) throws IOException {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }

            @Override
            public void discard() throws IOException {
                Files.deleteIfExists(temp);
            }
        });
    }
}
