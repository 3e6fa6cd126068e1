package dev.strongroom.audit.digest;

import dev.strongroom.storage.HostKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where digests live in the backup bucket: under the host whose chain they sign,
 * {@code hosts/<host-id>/digests/<end, yyyyMMdd'T'HHmmssSSS'Z'>-<reason>.json} ({@link HostKeys#digests()}),
 * and the signature next to it as {@code .json.sig}. Names sort by end time; milliseconds keep two digests
 * from ever sharing a key, since a plain copy of the bucket ({@code aws s3 cp}) sees only a key's newest version.
 * <p>
 * Releases before hosts wrote them to {@code audit-digests/<instance>/} (the CloudWatch stream name); those
 * stay where they are (Object Lock) and are read as the earlier part of this host's digests: a host that
 * wrote them is the single host such a vault had, and its chain went on in the new folder.
 */
public final class DigestKeys {

    /** The folder of every digest written before hosts had prefixes. */
    public static final String LEGACY_PREFIX = "audit-digests/";
    public static final String SIGNATURE_SUFFIX = ".sig";
    private static final String SUFFIX = ".json";
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Oldest first, by the name's end time; at equal names the legacy copy first. */
    static final Comparator<String> BY_END = Comparator.comparing(DigestKeys::nameOf)
            .thenComparing(k -> k.startsWith(LEGACY_PREFIX) ? 0 : 1);

    private DigestKeys() {
    }

    /** The folder host {@code hostId} writes its digests to. */
    public static String folder(String hostId) {
        return HostKeys.of(hostId).digests();
    }

    /** The folder digests were written to before hosts had prefixes; read, never written. */
    public static String legacyFolder(String instance) {
        return LEGACY_PREFIX + instance + "/";
    }

    public static String digest(String hostId, Instant end, String reason) {
        return folder(hostId) + name(end, reason);
    }

    /** A digest's file name: its end time and reason, the part that sorts by time in either layout. */
    public static String name(Instant end, String reason) {
        return END.format(end) + "-" + reason + SUFFIX;
    }

    /** The file name of a digest key of either layout. */
    public static String nameOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    public static boolean isDigest(String key) {
        return key.endsWith(SUFFIX);
    }

    /**
     * A digest's name below the bucket's digest folders, as a copy (the examiner's package, a local
     * folder) names it: {@code <host-id>/<file>} or, for the legacy layout, {@code <instance>/<file>}.
     */
    public static String copyName(String key) {
        if (key.startsWith(LEGACY_PREFIX)) {
            return key.substring(LEGACY_PREFIX.length());
        }
        if (key.startsWith(HostKeys.HOSTS)) {
            String rest = key.substring(HostKeys.HOSTS.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash) + "/" + nameOf(key);
        }
        return key;
    }

    /** The digest keys of both layouts, oldest first. */
    static List<String> oldestFirst(List<String> hostKeys, List<String> legacyKeys) {
        return Stream.concat(hostKeys.stream(), legacyKeys.stream()).filter(DigestKeys::isDigest).sorted(BY_END)
                .toList();
    }

    public static String signature(String digestKey) {
        return digestKey + SIGNATURE_SUFFIX;
    }
}
