package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What reaches an indexed column is fitted before it is journaled, and the detail says what was cut. */
class IndexColumnsTest {

    @Test
    void anOverLongSignInNameIsCutToItsColumnAndTheCutIsDescribed() {
        String name = "x".repeat(1000);
        AuditRecord fitted = IndexColumns.fit(new AuditRecord(name, "", "login.failure", "user/" + name, "failure",
                "127.0.0.1", "r".repeat(100), AuditRecord.details(Map.of("method", "basic"))));

        assertEquals(IndexColumns.ACTOR, fitted.actor().length());
        assertTrue(fitted.actor().endsWith("…"));
        assertEquals(IndexColumns.RESOURCE, fitted.resource().length());
        assertEquals(IndexColumns.REQUEST_ID, fitted.requestId().length());
        assertTrue(fitted.detail().get("truncated.actor").startsWith("1000 characters, SHA-256 "),
                fitted.detail().toString());
        assertEquals("basic", fitted.detail().get("method"));
    }

    @Test
    void aRecordThatFitsIsLeftAsItIs() {
        AuditRecord record = new AuditRecord("alice", "analyst", "document.view", "document/abc", "success",
                "127.0.0.1", "request-1", AuditRecord.details(Map.of()));
        assertSame(record, IndexColumns.fit(record));
    }

    @Test
    void aDocumentIdLongerThanItsColumnNamesNoDocument() {
        String uuid = "0f6a2c3e-9d41-4b7a-8e2f-5c1d0a9b7e6f";
        assertEquals(uuid, event("document/" + uuid).documentId());
        assertNull(event("document/" + uuid + "1").documentId());
        assertNull(event("document/" + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03").documentId());
    }

    private static AuditEvent event(String resource) {
        return new AuditEvent(1, "id", "2026-12-03T10:00:00Z", "alice", "analyst", "document.view", resource,
                "denied", null, null, null, AuditEvent.GENESIS_HASH, null);
    }
}
