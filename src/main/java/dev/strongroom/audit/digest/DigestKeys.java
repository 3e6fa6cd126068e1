package dev.strongroom.audit.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where digests live in the backup bucket:
 * {@code audit-digests/<instance>/<end, yyyyMMdd'T'HHmmssSSS'Z'>-<reason>.json} and the signature next to
 * it as {@code .json.sig}. Names sort by end time; milliseconds keep two digests from ever sharing a
 * key, since a plain copy of the bucket ({@code aws s3 cp}) sees only a key's newest version.
 */
public final class DigestKeys {

    public static final String PREFIX = "audit-digests/";
    public static final String SIGNATURE_SUFFIX = ".sig";
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private DigestKeys() {
    }

    public static String folder(String instance) {
        return PREFIX + instance + "/";
    }

    public static String digest(String instance, Instant end, String reason) {
        return folder(instance) + END.format(end) + "-" + reason + ".json";
    }

    public static String signature(String digestKey) {
        return digestKey + SIGNATURE_SUFFIX;
    }
}
