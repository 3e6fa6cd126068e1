package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 a client claims for its file, from {@code Content-Digest: sha-256=:<base64>:}
 * (RFC 9530 syntax; Strongroom reads it as the digest of the uploaded file, not of the multipart
 * envelope) or {@code x-checksum-sha256} (hex or base64). A malformed header is a 400, not ignored.
 */
final class ClientDigest {

    private static final Pattern CONTENT_DIGEST = Pattern.compile("(?:^|,)\\s*(?i:sha-256)\\s*=\\s*:([A-Za-z0-9+/=]+):");

    private ClientDigest() {
    }

    /** The claimed digest as lowercase hex, or null when the client sent none. */
    static String from(String contentDigest, String checksumHeader) {
        if (contentDigest != null && !contentDigest.isBlank()) {
            Matcher m = CONTENT_DIGEST.matcher(contentDigest);
            if (!m.find()) {
                throw ProblemException.badRequest(ProblemType.INVALID_DIGEST, "Content-Digest must contain sha-256=:<base64>:, got '"
                        + Problems.clip(contentDigest) + "'");
            }
            return base64ToHex(m.group(1), "Content-Digest");
        }
        if (checksumHeader != null && !checksumHeader.isBlank()) {
            String value = checksumHeader.strip();
            if (value.matches("[0-9a-fA-F]{64}")) {
                return value.toLowerCase(Locale.ROOT);
            }
            return base64ToHex(value, "x-checksum-sha256");
        }
        return null;
    }

    private static String base64ToHex(String value, String header) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            if (bytes.length == 32) {
                return HexFormat.of().formatHex(bytes);
            }
        } catch (IllegalArgumentException e) {
            // reported below with the same message as a wrong length
        }
        throw ProblemException.badRequest(ProblemType.INVALID_DIGEST,
                header + " must be a SHA-256 digest (32 bytes, base64" + ("x-checksum-sha256".equals(header)
                        ? " or 64 hex digits" : "") + "), got '" + Problems.clip(value) + "'");
    }
}
