package dev.strongroom.metadata.lambda;

import dev.strongroom.metadata.extract.Extraction;
import dev.strongroom.metadata.extract.MetadataExtractor;
import dev.strongroom.metadata.extract.Reason;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.SidecarKeys;
import dev.strongroom.metadata.extract.Status;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Gives one document object in S3 its sidecar ({@code metadata/<key>.json}) and, for PDFs and images,
 * its preview ({@code metadata/<key>.png}), in the same bucket; a statement also gets its statement
 * sidecar ({@link StatementSidecars}).
 * <p>
 * Idempotent: a sidecar already made from the same SHA-256 is left as it is, so a re-delivered event
 * writes nothing. The preview is written before the sidecar, so a sidecar's presence means the work
 * is complete. Objects above {@code deferAboveBytes} are not read at all: they get a {@code deferred}
 * sidecar, after the EC2 host was asked (when configured) to extract them in its heavy lane. Failures
 * of S3 or SSM are thrown, for Lambda's retries; anything the document itself does ends in an
 * {@code unparseable} sidecar instead.
 */
public final class ObjectExtraction {

    private static final System.Logger LOG = System.getLogger(ObjectExtraction.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** User metadata the backup puts on every document object (dev.strongroom.backup.DocumentUploader). */
    static final String META_SHA256 = "sha256";
    static final String META_FILE_NAME = "file-name";

    /** What happened to one object. */
    public enum Outcome {
        /** Parsed here: the sidecar says ok or unparseable. */
        EXTRACTED,
        /** Too large (or no parse thread free): a deferred sidecar, the EC2 worker takes it. */
        DEFERRED,
        /** Its sidecar already described these bytes; nothing written. */
        UNCHANGED
    }

    private final S3Client s3;
    private final MetadataExtractor extractor;
    private final long deferAboveBytes;
    private final Optional<SsmHandover> handover;
    private final StatementSidecars statements;

    public ObjectExtraction(S3Client s3, MetadataExtractor extractor, long deferAboveBytes,
            Optional<SsmHandover> handover) {
        this.s3 = s3;
        this.extractor = extractor;
        this.deferAboveBytes = deferAboveBytes;
        this.handover = handover;
        this.statements = new StatementSidecars(s3);
    }

    public Outcome process(ObjectCreated object) throws IOException {
        HeadObjectResponse head = s3.headObject(b -> b.bucket(object.bucket()).key(object.key())
                .versionId(object.versionId()).checksumMode(ChecksumMode.ENABLED));
        String sha256 = sha256Of(object, head);
        // A statement's validation is its own sidecar, written first: the metadata sidecar's presence still
        // means the object's work is complete.
        statements.process(object, head, sha256);
        String sidecarKey = SidecarKeys.sidecarOf(object.key());
        if (existingSidecarSha256(s3, object.bucket(), sidecarKey).filter(sha256::equals).isPresent()) {
            LOG.log(Level.INFO, "{0} already has its sidecar for {1}; nothing to do", object.key(), sha256);
            return Outcome.UNCHANGED;
        }
        long size = head.contentLength();
        if (size > deferAboveBytes) {
            Sidecar deferred = MetadataExtractor.deferred(sha256, size, Reason.ABOVE_LIGHT_THRESHOLD, "the document has "
                    + size + " bytes, above the Lambda's " + deferAboveBytes + "; the EC2 worker extracts it");
            defer(object, sha256, deferred, head.versionId());
            return Outcome.DEFERRED;
        }
        Extraction extraction;
        try (InputStream in = s3.getObject(b -> b.bucket(object.bucket()).key(object.key())
                .versionId(head.versionId()))) {
            extraction = extractor.extract(in, sha256, fileName(head));
        }
        Sidecar sidecar = extraction.sidecar();
        // The preview first, also for a photo deferred to OCR: its sidecar says "preview": true.
        if (extraction.hasPreview()) {
            put(object.bucket(), SidecarKeys.previewOf(object.key()), extraction.preview(), "image/png",
                    metadata(sha256, head.versionId(), sidecar));
        }
        if (sidecar.status() == Status.DEFERRED) {
            defer(object, sha256, sidecar, head.versionId());
            return Outcome.DEFERRED;
        }
        put(object.bucket(), sidecarKey, SidecarJson.write(sidecar).getBytes(StandardCharsets.UTF_8),
                "application/json", metadata(sha256, head.versionId(), sidecar));
        LOG.log(Level.INFO, "{0}: {1}{2} in {3} ms", object.key(), sidecar.status().json(),
                sidecar.reason() == null ? "" : " (" + sidecar.reason().slug() + ")", sidecar.extraction().millis());
        return Outcome.EXTRACTED;
    }

    /** Hand-over first: if it fails, no sidecar exists yet, so the retried event asks again. */
    private void defer(ObjectCreated object, String sha256, Sidecar deferred, String versionId) {
        handover.ifPresent(h -> h.request(sha256, object.key()));
        put(object.bucket(), SidecarKeys.sidecarOf(object.key()),
                SidecarJson.write(deferred).getBytes(StandardCharsets.UTF_8), "application/json",
                metadata(sha256, versionId, deferred));
        LOG.log(Level.INFO, "{0}: deferred ({1})", object.key(), deferred.reason().slug());
    }

    /** The SHA-256 of the document a sidecar was made from (its metadata), or empty when there is no sidecar yet. */
    static Optional<String> existingSidecarSha256(S3Client s3, String bucket, String sidecarKey) {
        try {
            return Optional.ofNullable(s3.headObject(b -> b.bucket(bucket).key(sidecarKey)).metadata()
                    .get(SidecarKeys.META_SOURCE_SHA256));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        // A SHA-256 checksum, as for every write to the Object-Locked bucket: S3 checks the bytes it stores.
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(bytes));
    }

    private static Map<String, String> metadata(String sha256, String versionId, Sidecar sidecar) {
        return versionId == null
                ? Map.of(SidecarKeys.META_SOURCE_SHA256, sha256, SidecarKeys.META_STATUS, sidecar.status().json())
                : Map.of(SidecarKeys.META_SOURCE_SHA256, sha256, SidecarKeys.META_SOURCE_VERSION, versionId,
                        SidecarKeys.META_STATUS, sidecar.status().json());
    }

    /**
     * The vault's SHA-256 of the document: the backup's {@code sha256} metadata, else S3's own full-object
     * SHA-256 checksum. A multipart object's checksum is a composite, not the file's hash, so it does not count.
     */
    static String sha256Of(ObjectCreated object, HeadObjectResponse head) {
        String recorded = head.metadata().get(META_SHA256);
        if (recorded != null && SHA256.matcher(recorded).matches()) {
            return recorded;
        }
        String checksum = head.checksumSHA256();
        if (checksum != null && !checksum.contains("-")) {
            byte[] digest = Base64.getDecoder().decode(checksum);
            if (digest.length == 32) {
                return HexFormat.of().formatHex(digest);
            }
        }
        throw new IllegalStateException(object.key() + " has neither the backup's sha256 metadata nor a full-object "
                + "SHA-256 checksum, so its sidecar could not be tied to the vault's checksum ledger");
    }

    private static String fileName(HeadObjectResponse head) {
        String encoded = head.metadata().get(META_FILE_NAME);
        if (encoded == null) {
            return null;
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
