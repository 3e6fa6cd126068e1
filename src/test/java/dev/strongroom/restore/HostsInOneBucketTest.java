package dev.strongroom.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.backup.CatalogRows;
import dev.strongroom.backup.Manifest;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.InMemoryBackupTarget;
import dev.strongroom.storage.ListedObject;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts of one vault back up into one bucket, each under its own prefix (docs/backup-format.md): their keys
 * never meet, their manifest chains stay apart, a restore rebuilds one host and names the other, and a bucket
 * written in the unprefixed layout of earlier releases still restores.
 */
class HostsInOneBucketTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dataDir;

    private final InMemoryBackupTarget bucket = new InMemoryBackupTarget();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void twoHostsWriteDisjointKeysAndTwoIndependentChains() throws IOException {
        HostKeys a = HostKeys.of("host-a");
        HostKeys b = HostKeys.of("host-b");
        backUp(a, "20261204T100000Z-aaaaaaa1", "doc-a1");
        backUp(b, "20261204T100000Z-bbbbbbb1", "doc-b1");
        backUp(a, "20261204T110000Z-aaaaaaa2", "doc-a2");
        backUp(b, "20261204T110000Z-bbbbbbb2", "doc-b2");

        Set<String> ofA = keysUnder(a.manifests(), a.catalogs(), a.journal());
        Set<String> ofB = keysUnder(b.manifests(), b.catalogs(), b.journal());
        assertEquals(2 * 2, ofA.size(), ofA.toString());
        assertTrue(ofA.stream().noneMatch(ofB::contains), ofA + " / " + ofB);
        assertTrue(ofA.stream().allMatch(a::owns) && ofA.stream().noneMatch(b::owns), ofA.toString());
        assertEquals(List.of(), bucket.list("manifests/"), "nothing at the unprefixed top level");

        ManifestChain chainOfA = ManifestChain.newest(bucket, a);
        ManifestChain chainOfB = ManifestChain.newest(bucket, b);
        assertEquals(List.of("20261204T110000Z-aaaaaaa2", "20261204T100000Z-aaaaaaa1"), runs(chainOfA));
        assertEquals(List.of("20261204T110000Z-bbbbbbb2", "20261204T100000Z-bbbbbbb1"), runs(chainOfB));
        assertEquals(Set.of("doc-a1", "doc-a2"), chainOfA.documents().keySet());
        assertEquals(List.of(a, b), HostKeys.chainsIn(bucket));
    }

    @Test
    void aRestoreOfHostARebuildsItsChainAndDocumentsAndNamesHostBAsLeftOut() throws IOException {
        claim("host-a", "host-b");
        backUp(HostKeys.of("host-a"), "20261204T100000Z-aaaaaaa1", "doc-a1");
        backUp(HostKeys.of("host-b"), "20261204T100500Z-bbbbbbb1", "doc-b1");

        RestoreReport report = restore(Optional.of("host-a"));

        assertEquals("host-a", report.source().host());
        assertEquals("20261204T100000Z-aaaaaaa1", report.source().runId(), "A's newest run, not the bucket's newest");
        assertEquals(1, report.restored());
        assertEquals(List.of("host host-b"), report.source().hostsLeftOut());
        assertFalse(report.ok(), "a restore that left a host's chain out is never OK");
        assertEquals(RestoreVerdict.Outcome.INCOMPLETE, report.verdict().outcome());
        assertEquals(List.of("host host-b"), report.verdict().missing().stream().map(RestoreVerdict.Missing::id).toList());
        assertEquals("host-a", Files.readString(dataDir.resolve("data").resolve("host-id")).strip());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("restored host host-a; NOT restored: host host-b"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBucketInTheUnprefixedLayoutOfEarlierReleasesStillRestores() throws IOException {
        backUp(HostKeys.legacy(), "20261120T100000Z-0000000a", "doc-old1");
        backUp(HostKeys.legacy(), "20261121T100000Z-0000000b", "doc-old2");
        assertTrue(bucket.head("manifests/20261121T100000Z-0000000b.json", null).isPresent(), "the earlier layout");

        RestoreReport report = restore(Optional.empty());

        assertTrue(report.ok(), report.verdict().lines().toString());
        assertEquals("20261121T100000Z-0000000b", report.source().runId());
        assertEquals(2, report.source().manifestsInChain());
        assertEquals(2, report.restored());
        assertEquals(List.of(), report.source().hostsLeftOut());
    }

    private RestoreReport restore(Optional<String> host) throws IOException {
        return new S3Restore(bucket, "eu-central-1", dataDir.resolve("data"), 2, log,
                new S3Restore.Buckets(CopySource.PRIMARY_BUCKET, Optional.empty(), "/strongroom/audit"))
                .run(Optional.empty(), host);
    }

    /** One run of one host: the documents it confirmed, a catalog export of them, and its manifest, last. */
    private void backUp(HostKeys host, String runId, String documentId) throws IOException {
        Optional<String> previousKey = host.newestManifest(bucket);
        Manifest.Previous previous = previousKey.map(k -> new Manifest.Previous(k, Sha256.hexOf(bucket.read(k, null))))
                .orElse(null);
        List<Manifest.DocumentEntry> documents = new ArrayList<>();
        List<String> catalog = new ArrayList<>();
        catalog.add(BackupJson.MAPPER.writeValueAsString(Map.of("format", CatalogRows.FORMAT, "version",
                CatalogRows.VERSION, "exportedAt", AT.toString(), "runId", runId)));
        List<String> ids = new ArrayList<>(previousKey.isEmpty() ? List.of() : ManifestChain.newest(bucket, host)
                .documents().keySet());
        ids.add(documentId);
        for (String id : ids) {
            byte[] bytes = ("the bytes of " + id).getBytes(StandardCharsets.UTF_8);
            String sha256 = Sha256.hexOf(bytes);
            String versionId = id.equals(documentId) ? put(ObjectKeys.document(id), bytes)
                    : bucket.head(ObjectKeys.document(id), null).orElseThrow().versionId();
            if (id.equals(documentId)) {
                documents.add(new Manifest.DocumentEntry(id, ObjectKeys.document(id), versionId, sha256, bytes.length,
                        false));
            }
            catalog.add(BackupJson.MAPPER.writeValueAsString(new CatalogRows.Line(new CatalogRows.DocumentRow(id,
                    "alice", id + ".txt", id + ".txt", "text/plain", bytes.length, sha256, "default", null, false, null,
                    AT, BackupState.BACKED_UP, versionId, AT, runId, MetadataState.PENDING, null, List.of()), null, null,
                    null)));
        }
        byte[] export = (String.join("\n", catalog) + "\n").getBytes(StandardCharsets.UTF_8);
        String catalogVersion = put(host.catalog(runId), export);
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, new Manifest.Run(runId, "schedule",
                "system", AT, AT, 1, 1, 0, 0, 0), bucket.location(), previous, documents,
                new Manifest.ObjectRef(host.catalog(runId), catalogVersion, Sha256.hexOf(export), export.length),
                List.of(), null, null, null);
        put(host.manifest(runId), BackupJson.MAPPER.writeValueAsBytes(manifest));
    }

    private String put(String key, byte[] bytes) {
        return bucket.put(ObjectUpload.of(key, ObjectSource.of(bytes), "application/octet-stream", Sha256.hexOf(bytes)))
                .versionId();
    }

    private void claim(String... hosts) throws IOException {
        BucketClaim claim = new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "finance-prod", AT,
                List.of(hosts).stream().map(h -> new BucketClaim.Host(h, AT)).toList());
        put(ObjectKeys.CLAIM, BackupJson.MAPPER.writeValueAsBytes(claim));
    }

    private Set<String> keysUnder(String... prefixes) {
        Set<String> keys = new HashSet<>();
        for (String prefix : prefixes) {
            bucket.list(prefix).stream().map(ListedObject::key).forEach(keys::add);
        }
        return keys;
    }

    private static List<String> runs(ManifestChain chain) {
        return chain.links().stream().map(l -> l.manifest().run().id()).toList();
    }
}
