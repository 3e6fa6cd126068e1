package dev.strongroom.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A document as the API shows it. {@code metadata} is the metadata sidecar (docs/metadata.md), shown
 * on the single-document view only and left out of search results to keep pages small.
 *
 * @param backupState PENDING until S3 confirmed the bytes, then BACKED_UP
 * @param backupVersionId the confirmed S3 object version of {@code documents/<id>}
 */
public record DocumentView(String id, String fileName, String originalFileName, String contentType, long size,
        String sha256, String owner, Instant uploadedAt, String retentionClass, Instant retainUntil, boolean legalHold,
        String description, List<String> tags, String backupState, String backupVersionId, Instant backedUpAt,
        String metadataState,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue @Schema(type = SchemaType.OBJECT,
                description = "The metadata sidecar (docs/metadata.md); absent in search results and before extraction")
        String metadata) {

    public static DocumentView of(Document d) {
        return new DocumentView(d.id, d.fileName, d.originalFileName, d.contentType, d.sizeBytes, d.sha256, d.owner,
                d.uploadedAt, d.retentionClass, d.retainUntil, d.legalHold, d.description, List.copyOf(d.tags),
                d.backupState.name(), d.backupVersionId, d.backedUpAt, d.metadataState.name(), null);
    }

    /** With the metadata sidecar, for the single-document view. */
    public static DocumentView withMetadata(Document d) {
        DocumentView v = of(d);
        return new DocumentView(v.id, v.fileName, v.originalFileName, v.contentType, v.size, v.sha256, v.owner,
                v.uploadedAt, v.retentionClass, v.retainUntil, v.legalHold, v.description, v.tags, v.backupState,
                v.backupVersionId, v.backedUpAt, v.metadataState, d.metadataJson);
    }
}
