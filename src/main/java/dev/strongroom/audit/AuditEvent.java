package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.SortedMap;

/**
 * One journal line. The field order is part of the hash rule (docs/audit-format.md), hence the
 * explicit order; {@code detail} is sorted by key for the same reason.
 */
@JsonPropertyOrder({ "seq", "id", "time", "actor", "role", "action", "resource", "outcome", "client", "requestId",
        "detail", "prevHash", "hash" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(long seq, String id, String time, String actor, String role, String action, String resource,
        String outcome, String client, String requestId, SortedMap<String, String> detail, String prevHash,
        String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    AuditEvent withHash(String newHash) {
        return new AuditEvent(seq, id, time, actor, role, action, resource, outcome, client, requestId, detail, prevHash,
                newHash);
    }

    /**
     * The document id when the resource is a document, for filtering by document: only an id that fits
     * the index's column. A longer one can name no document, and cutting it could name another one.
     */
    public String documentId() {
        if (resource == null || !resource.startsWith("document/")) {
            return null;
        }
        String id = resource.substring("document/".length());
        return id.isEmpty() || id.length() > IndexColumns.DOCUMENT_ID ? null : id;
    }
}
