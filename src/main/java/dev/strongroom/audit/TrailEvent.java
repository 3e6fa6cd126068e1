package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.SortedMap;

/**
 * An event of the vault's audit trail as the query API shows it: the journal event and the host whose
 * journal holds it. Hosts sharing a catalog each number their own chain from 1, so {@code seq} and
 * {@code prevHash} are meaningful only with {@code host}. {@code host} is null for an event indexed
 * before hosts were recorded that no host has adopted yet (db/migration V30). Not a journal line:
 * {@link AuditEvent} is, and its field order is part of the hash rule, so the host is not added there.
 */
@JsonPropertyOrder({ "host", "seq", "id", "time", "actor", "role", "action", "resource", "outcome", "client",
        "requestId", "detail", "prevHash", "hash" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrailEvent(String host, long seq, String id, String time, String actor, String role, String action,
        String resource, String outcome, String client, String requestId, SortedMap<String, String> detail,
        String prevHash, String hash) {

    static TrailEvent of(String host, AuditEvent e) {
        return new TrailEvent(host, e.seq(), e.id(), e.time(), e.actor(), e.role(), e.action(), e.resource(),
                e.outcome(), e.client(), e.requestId(), e.detail(), e.prevHash(), e.hash());
    }

    /** The document id when the resource is a document (see {@link AuditEvent#documentId()}). */
    @JsonIgnore
    public String documentId() {
        return new AuditEvent(seq, id, time, actor, role, action, resource, outcome, client, requestId, detail,
                prevHash, hash).documentId();
    }
}
