package dev.strongroom.restore;

import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.Manifest;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup's manifest chain from the newest manifest back to the first, each link checked against
 * the SHA-256 the next manifest recorded, for callers that work inside a running vault (the
 * snapshot reconcile). The same walk {@link S3Restore} does for an empty data directory.
 *
 * @param links newest first
 */
public record ManifestChain(String bucket, List<Link> links) {

    /** One manifest, its key and the SHA-256 of its bytes. */
    public record Link(String key, String sha256, Manifest manifest) {
    }

    /**
     * Loads and verifies the chain ending at one host's newest manifest; throws when the host has none in the
     * bucket or a link is broken.
     */
    public static ManifestChain newest(BackupTarget target, HostKeys host) {
        String bucket = target.location();
        String key = host.newestManifest(target).orElseThrow(() -> new IllegalStateException("bucket " + bucket
                + " holds no manifest under " + host.manifests() + ": " + host.label() + " has backed nothing up"));
        List<Link> links = new ArrayList<>();
        String expectedSha = null;
        while (key != null) {
            byte[] bytes = target.read(key, null);
            String sha = Sha256.hexOf(bytes);
            if (expectedSha != null && !expectedSha.equals(sha)) {
                throw new IllegalStateException("manifest chain broken at " + key + ": its SHA-256 is " + sha
                        + " but the next manifest recorded " + expectedSha);
            }
            Manifest manifest;
            try {
                manifest = BackupJson.MAPPER.readValue(bytes, Manifest.class);
            } catch (IOException e) {
                throw new IllegalStateException(key + " is not a readable manifest: " + e.getMessage(), e);
            }
            if (!Manifest.FORMAT.equals(manifest.format())) {
                throw new IllegalStateException(key + " is not a Strongroom manifest");
            }
            links.add(new Link(key, sha, manifest));
            expectedSha = manifest.previous() == null ? null : manifest.previous().sha256();
            key = manifest.previous() == null ? null : manifest.previous().key();
        }
        return new ManifestChain(bucket, List.copyOf(links));
    }

    public Manifest head() {
        return links.get(0).manifest();
    }

    /** Every confirmed document in the chain, by id, with the newest manifest's entry winning. */
    public Map<String, Manifest.DocumentEntry> documents() {
        Map<String, Manifest.DocumentEntry> entries = new LinkedHashMap<>();
        for (Link link : links) {
            for (Manifest.DocumentEntry entry : link.manifest().documents()) {
                entries.putIfAbsent(entry.id(), entry);
            }
        }
        return entries;
    }

    /** The newest shipped version of every journal segment, in key order (which is sequence order). */
    public List<Manifest.SegmentEntry> journalSegments() {
        Map<String, Manifest.SegmentEntry> newest = new LinkedHashMap<>();
        for (Link link : links) {
            for (Manifest.SegmentEntry segment : link.manifest().journal()) {
                newest.putIfAbsent(segment.key(), segment);
            }
        }
        return newest.values().stream().sorted(java.util.Comparator.comparing(Manifest.SegmentEntry::key)).toList();
    }

    /**
     * Downloads one object version to {@code target} and keeps it only when its bytes hash to
     * {@code sha256} (falling back to the key's other versions by SHA-256, as a restore does).
     */
    public void fetchToFile(BackupTarget from, String key, String versionId, String sha256, Path target) {
        try {
            new ObjectFetcher(from).fetchToFile(key, versionId, sha256, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + key + " to " + target, e);
        }
    }
}
