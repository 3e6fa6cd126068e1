package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What an export commits to, written at its start: the vault's chain head when the export began,
 * how many events follow, and, for a contiguous export, the anchor (the event just before the first
 * exported one) so the chain can be checked from the file alone. The vault's own exports are also a
 * signed manifest: the first and last sequence numbers, the SHA-256 of the event lines that follow,
 * the newest audit digest, and an Ed25519 signature over the header line itself (docs/audit-format.md).
 *
 * @param host the host whose journal (hash chain) the events come from: hosts sharing a catalog each keep
 *        their own, numbered from 1, so a sequence number means something only with its host; null in a
 *        header from before hosts were recorded, or for a copy read back from CloudWatch Logs
 * @param eventsSha256 SHA-256 of every line after the header, each with its newline, as
 *        {@code tail -n +2 export.ndjson | sha256sum} prints it
 * @param digest the newest signed audit digest when the export was made (null before the first one)
 * @param signature base64 Ed25519 signature over this header's line up to {@code ,"signature":}, closed
 *        with a brace; null in a header the vault did not sign (a copy read back from CloudWatch Logs)
 */
@JsonPropertyOrder({ "strongroomAuditExport", "exportedAt", "host", "filter", "contiguous", "anchor", "eventCount", "firstSeq",
        "lastSeq", "eventsSha256", "chainHead", "digest", "keyId", "signature" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportHeader(int strongroomAuditExport, String exportedAt, String host, Map<String, String> filter,
        boolean contiguous, ChainHead anchor, long eventCount, Long firstSeq, Long lastSeq, String eventsSha256,
        ChainHead chainHead, DigestReference digest, String keyId, String signature) {

    /** The response header that carries this header for every format (CSV has no place for it in its body). */
    public static final String HTTP_HEADER = "X-Audit-Export-Header";
    /** Where the signed part of a header line ends: the signature member, which is always the last one. */
    public static final String SIGNATURE_MEMBER = ",\"signature\":\"";
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    /** A header without a manifest: for exports the vault did not read from its own journal. */
    public ExportHeader(int strongroomAuditExport, String exportedAt, Map<String, String> filter, boolean contiguous,
            ChainHead anchor, long eventCount, ChainHead chainHead) {
        this(strongroomAuditExport, exportedAt, null, filter, contiguous, anchor, eventCount, null, null, null, chainHead,
                null, null, null);
    }

    /** A header without a host: as exports were written before hosts were recorded. */
    public ExportHeader(int strongroomAuditExport, String exportedAt, Map<String, String> filter, boolean contiguous,
            ChainHead anchor, long eventCount, Long firstSeq, Long lastSeq, String eventsSha256, ChainHead chainHead,
            DigestReference digest, String keyId, String signature) {
        this(strongroomAuditExport, exportedAt, null, filter, contiguous, anchor, eventCount, firstSeq, lastSeq,
                eventsSha256, chainHead, digest, keyId, signature);
    }

    /** This header naming the host whose chain the export carries (not signed yet: sign after). */
    public ExportHeader fromHost(String hostId) {
        return new ExportHeader(strongroomAuditExport, exportedAt, hostId, filter, contiguous, anchor, eventCount,
                firstSeq, lastSeq, eventsSha256, chainHead, digest, null, null);
    }

    /** The newest signed digest at export time, by its key in the bucket and the chain head it signed. */
    public record DigestReference(String key, String sha256, ChainHead chainHead) {
    }

    /** This header with its manifest of the events that follow it. */
    public ExportHeader withManifest(Long first, Long last, String linesSha256, DigestReference newestDigest) {
        return new ExportHeader(strongroomAuditExport, exportedAt, host, filter, contiguous, anchor, eventCount, first,
                last, linesSha256, chainHead, newestDigest, null, null);
    }

    /** This header signed by {@code key}: the key id goes in first, so the signature covers it. */
    public ExportHeader signedWith(SigningKey key) {
        ExportHeader named = new ExportHeader(strongroomAuditExport, exportedAt, host, filter, contiguous, anchor,
                eventCount, firstSeq, lastSeq, eventsSha256, chainHead, digest, key.keyId(), null);
        byte[] signed = named.asHttpHeader().getBytes(StandardCharsets.UTF_8);
        return new ExportHeader(strongroomAuditExport, exportedAt, host, filter, contiguous, anchor, eventCount,
                firstSeq, lastSeq, eventsSha256, chainHead, digest, key.keyId(),
                Base64.getEncoder().encodeToString(key.sign(signed)));
    }

    /**
     * The bytes a header line's signature covers: the line up to its signature member, closed with a
     * brace (the hash rule's cut, applied to the header). Null when the line carries no signature.
     */
    public static byte[] signedPart(String headerLine) {
        int at = headerLine.lastIndexOf(SIGNATURE_MEMBER);
        return at < 0 ? null : (headerLine.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * This header as one line of ASCII JSON: the NDJSON export's first line and the HTTP header value,
     * byte for byte, so the signature can be checked on either.
     */
    public String asHttpHeader() {
        try {
            return ASCII_JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export header cannot be serialised", e);
        }
    }
}
