package dev.strongroom.audit.digest;

import dev.strongroom.storage.BackupTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of this vault's signed digests for a period, as an examiner would fetch them from the bucket
 * ({@code aws s3 cp --recursive}): each digest with its {@code .sig}, named as in the bucket below
 * {@code audit-digests/}.
 */
@ApplicationScoped
public class DigestCopies {

    private final DigestWriter writer;
    private final BackupTarget bucket;

    public DigestCopies(DigestWriter writer, BackupTarget bucket) {
        this.writer = writer;
        this.bucket = bucket;
    }

    /** One digest and its signature; {@code name} is {@link DigestKeys#copyName}: host (or instance) and file. */
    public record Copy(String name, byte[] digest, byte[] signature) {
    }

    /**
     * The digests that end within the period, and the first one after it, which signs the chain over
     * the period's last events; empty when backups (and so digests) are not configured.
     */
    public List<Copy> covering(Instant from, Instant to) {
        if (!writer.configured()) {
            return List.of();
        }
        String first = DigestKeys.name(from, "");
        String last = DigestKeys.name(to, "");
        List<Copy> copies = new ArrayList<>();
        for (String key : writer.keys()) {
            String name = DigestKeys.nameOf(key);
            if (name.compareTo(first.substring(0, first.length() - ".json".length())) < 0) {
                continue;
            }
            copies.add(new Copy(DigestKeys.copyName(key), read(key), read(DigestKeys.signature(key))));
            if (name.compareTo(last.substring(0, last.length() - ".json".length())) >= 0) {
                break;
            }
        }
        return copies;
    }

    private byte[] read(String key) {
        return bucket.read(key, null);
    }
}
