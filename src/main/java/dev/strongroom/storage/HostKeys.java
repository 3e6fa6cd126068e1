package dev.strongroom.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the key layout that belongs to one host of a vault (docs/backup-format.md): its journal
 * segments, manifests with their checksum and version lists, and catalog exports, under
 * {@code hosts/<host-id>/}. Hosts of one vault share a bucket; with a prefix each, no two hosts ever write the
 * same key or interleave one manifest chain. Documents and the claim ({@link ObjectKeys}) are the vault's.
 * <p>
 * Buckets written before hosts had prefixes hold one host's chain at the top level ({@code manifests/},
 * {@code journal/}, {@code catalog/}); {@link #legacy()} reads them as the chain of a host whose id the bucket
 * does not say. Run ids sort by time, so a host's newest manifest is the last key under {@link #manifests()}.
 */
public final class HostKeys {

    public static final String HOSTS = "hosts/";
    private static final String MANIFESTS = "manifests/";
    private static final String CATALOG = "catalog/";
    private static final String JOURNAL = "journal/";
    private static final String DIGESTS = "digests/";
    private static final String MANIFEST_SUFFIX = ".json";
    // The host-id form VaultIdentity accepts; anything else under hosts/ is not a host's folder.
    private static final Pattern HOST_MANIFEST = Pattern.compile(
            "^" + HOSTS + "([A-Za-z0-9][A-Za-z0-9._-]{0,63})/" + MANIFESTS + "[^/]+\\" + MANIFEST_SUFFIX + "$");

    private final Optional<String> hostId;
    private final String prefix;

    private HostKeys(Optional<String> hostId, String prefix) {
        this.hostId = hostId;
        this.prefix = prefix;
    }

    /** The keys of host {@code hostId} ({@code strongroom.vault.host-id}). */
    public static HostKeys of(String hostId) {
        if (hostId == null || hostId.isBlank() || hostId.contains("/")) {
            throw new IllegalArgumentException("'" + hostId + "' is not a host id");
        }
        return new HostKeys(Optional.of(hostId), HOSTS + hostId + "/");
    }

    /** The unprefixed layout of buckets written by earlier releases: one host's chain, its id unrecorded. */
    public static HostKeys legacy() {
        return new HostKeys(Optional.empty(), "");
    }

    /** The host these keys are for; empty for the legacy layout. */
    public Optional<String> hostId() {
        return hostId;
    }

    public boolean isLegacy() {
        return hostId.isEmpty();
    }

    /** How a report names this chain. */
    public String label() {
        return hostId.map(h -> "host " + h).orElse("the unprefixed (pre-host) chain");
    }

    public String manifests() {
        return prefix + MANIFESTS;
    }

    public String journal() {
        return prefix + JOURNAL;
    }

    public String catalogs() {
        return prefix + CATALOG;
    }

    /**
     * This host's signed audit digests (audit.digest): each host signs its own journal's chain. Digests
     * written before hosts had prefixes are under {@code audit-digests/<instance>/}, not here.
     */
    public String digests() {
        return prefix + DIGESTS;
    }

    public String manifest(String runId) {
        return manifests() + runId + MANIFEST_SUFFIX;
    }

    public String checksums(String runId) {
        return manifests() + runId + ".sha256sums";
    }

    /** Key, S3 version id and SHA-256 of everything backed up as of the run, tab-separated. */
    public String versions(String runId) {
        return manifests() + runId + ".versions";
    }

    public String catalog(String runId) {
        return catalogs() + runId + ".ndjson";
    }

    public String journal(String segmentName) {
        return journal() + segmentName;
    }

    /** The run id of one of this host's manifest keys, or null when the key is not one. */
    public String runOf(String manifestKey) {
        String folder = manifests();
        if (!manifestKey.startsWith(folder) || !manifestKey.endsWith(MANIFEST_SUFFIX)) {
            return null;
        }
        String run = manifestKey.substring(folder.length(), manifestKey.length() - MANIFEST_SUFFIX.length());
        return run.contains("/") ? null : run;
    }

    /** Whether {@code key} is one of these keys: a manifest written elsewhere cannot continue this host's chain. */
    public boolean owns(String key) {
        if (!isLegacy()) {
            return key.startsWith(prefix);
        }
        return key.startsWith(MANIFESTS) || key.startsWith(JOURNAL) || key.startsWith(CATALOG);
    }

    /** The key of this host's newest manifest, when it has written one. */
    public Optional<String> newestManifest(BackupTarget target) {
        return target.list(manifests()).stream().map(ListedObject::key).filter(k -> runOf(k) != null)
                .reduce((a, b) -> b);
    }

    /** The file name of a journal segment, whatever layout its key is in. */
    public static String segmentName(String journalKey) {
        return journalKey.substring(journalKey.lastIndexOf('/') + 1);
    }

    /**
     * Every chain the bucket holds: each host with a manifest under {@code hosts/}, in id order, and the legacy
     * chain when there is a manifest at the top level.
     */
    public static List<HostKeys> chainsIn(BackupTarget target) {
        TreeSet<String> hosts = new TreeSet<>();
        for (ListedObject object : target.list(HOSTS)) {
            Matcher m = HOST_MANIFEST.matcher(object.key());
            if (m.matches()) {
                hosts.add(m.group(1));
            }
        }
        List<HostKeys> chains = new ArrayList<>();
        hosts.forEach(h -> chains.add(of(h)));
        HostKeys legacy = legacy();
        if (legacy.newestManifest(target).isPresent()) {
            chains.add(legacy);
        }
        return chains;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostKeys keys && keys.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    @Override
    public String toString() {
        return label();
    }
}
