package dev.strongroom.backup;

import dev.strongroom.storage.PartDigests;
import dev.strongroom.storage.ExpectedChecksum;
import dev.strongroom.storage.Sha256;
import dev.strongroom.store.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * The checksum S3 must report for each document version the vault confirmed ({@link ExpectedChecksum}),
 * for the checks that read S3 back: the compliance report's coverage and the backup spot-check.
 */
@ApplicationScoped
public class ConfirmedChecksums {

    private final BlobStore store;
    private final BackupConfig config;

    public ConfirmedChecksums(BlobStore store, BackupConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The expected checksums of many documents, read once: composites are few, whole-object ones need no row. */
    public Lookup load() {
        Map<String, CompositeChecksum> composites = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> CompositeChecksum.<CompositeChecksum>streamAll()
                .forEach(c -> composites.put(c.documentId, c)));
        return (documentId, versionId, sha256) -> {
            CompositeChecksum c = composites.get(documentId);
            return c != null && c.versionId.equals(versionId) ? ExpectedChecksum.composite(sha256, c.checksum, c.parts)
                    : ExpectedChecksum.wholeObject(sha256);
        };
    }

    /** What S3 must report for one confirmed version. */
    public interface Lookup {
        ExpectedChecksum of(String documentId, String versionId, String sha256);
    }

    /**
     * Null when S3's checksum for the version is the one the vault confirmed; otherwise what is wrong.
     * A version confirmed in parts before the vault kept composites is checked against the composite
     * of the local copy ({@link #fromLocalCopy}).
     */
    public String mismatch(Lookup lookup, String documentId, String versionId, String sha256, long size,
            String reported, ChecksumType type) {
        ExpectedChecksum expected = lookup.of(documentId, versionId, sha256);
        String mismatch = expected.mismatch(reported, type, versionId);
        if (mismatch == null || expected.composite() != null || type == ChecksumType.FULL_OBJECT) {
            return mismatch;
        }
        // Not Optional.map: a match is a null sentence, which map would turn into "no local copy".
        Optional<ExpectedChecksum> local = fromLocalCopy(documentId, versionId, sha256, size, null);
        return local.isPresent() ? local.get().mismatch(reported, type, versionId) : mismatch;
    }

    /**
     * For a version confirmed in parts before the vault kept composites: computed from the local copy
     * in parts of strongroom.backup.part-size, when that copy still has the catalog's SHA-256 and
     * makes {@code parts} parts (when S3 said how many), and kept from then on. Empty otherwise.
     */
    public Optional<ExpectedChecksum> fromLocalCopy(String documentId, String versionId, String sha256, long size,
            Integer parts) {
        Path blob = store.pathOf(sha256);
        if (!Files.isRegularFile(blob)) {
            return Optional.empty();
        }
        PartDigests.Composite composite;
        MessageDigest whole = Sha256.digest();
        try {
            composite = PartDigests.of(blob, size, PartDigests.partSize(config.partSize()), whole);
        } catch (UncheckedIOException | DocumentBackupFailure e) {
            return Optional.empty();
        }
        if (!Sha256.hex(whole.digest()).equals(sha256) || parts != null && parts != composite.parts()) {
            return Optional.empty();
        }
        QuarkusTransaction.requiringNew().run(() -> CompositeChecksum.keep(documentId, versionId, composite));
        return Optional.of(ExpectedChecksum.composite(sha256, composite.checksum(), composite.parts()));
    }
}
