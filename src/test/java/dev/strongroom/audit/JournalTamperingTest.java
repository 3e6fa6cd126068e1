package dev.strongroom.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Alters the shared journal on disk, or the index in the catalog, and puts it back in a finally block.
 * The tests are sequential, so between the change and the restore only their own requests write
 * events, and those are appended after the altered bytes, where {@link JournalOnDisk.Tampering#restore()}
 * keeps them. Cuts and deletions, which make the vault read-only, are tested on a packaged vault of their
 * own (process.JournalCutIT).
 */
@QuarkusTest
class JournalTamperingTest {

    @Test
    void verificationNamesTheSequenceNumberOfAnAlteredEvent() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        long seq = seqOfMiddleUpload(auditor);
        Path segment = JournalOnDisk.segmentHolding(seq);
        String line = JournalOnDisk.lineOf(seq);
        String altered = line.replace("\"action\":\"document.upload\"", "\"action\":\"document.uploaD\"");

        JsonPath verdict = verifyTampered(auditor, segment, text -> text.replace(line, altered));

        assertFalse(verdict.getBoolean("ok"));
        assertEquals(seq, verdict.getLong("firstBrokenSeq"));
        assertEquals(List.of(seq), seqsOf(verdict));
        assertEquals(List.of("altered"), verdict.getList("findings.kind"));
        Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    /** A forger who knows the hash rule edits an event and recomputes that line's hash: its successor's link gives it away. */
    @Test
    void anEventEditedWithItsOwnHashRecomputedIsCaughtByTheNextEventsLink() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        long seq = seqOfMiddleUpload(auditor);
        Path segment = JournalOnDisk.segmentHolding(seq);
        String line = JournalOnDisk.lineOf(seq);
        String edited = line.replace("\"outcome\":\"success\"", "\"outcome\":\"failure\"");
        String body = edited.substring(0, edited.lastIndexOf(",\"hash\":\""));
        String forged = body + ",\"hash\":\"" + JournalOnDisk.hashOf(edited) + "\"}";

        JsonPath verdict = verifyTampered(auditor, segment, text -> text.replace(line, forged));

        assertFalse(verdict.getBoolean("ok"));
        // The index row kept what the line said before the edit: it names the forged event itself.
        assertEquals(seq, verdict.getLong("firstBrokenSeq"));
        Map<Long, String> kinds = new TreeMap<>();
        Map<Long, String> messages = new TreeMap<>();
        for (int i = 0; i < verdict.getList("findings").size(); i++) {
            kinds.put(verdict.getLong("findings[" + i + "].seq"), verdict.getString("findings[" + i + "].kind"));
            messages.put(verdict.getLong("findings[" + i + "].seq"), verdict.getString("findings[" + i + "].message"));
        }
        assertEquals(Map.of(seq, "index-disagrees", seq + 1, "broken-link"), kinds);
        assertEquals("event " + (seq + 1) + " does not chain to the event before it (prevHash mismatch)",
                messages.get(seq + 1));
        Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void anIndexRowThatNoLongerSaysWhatItsLineSaysIsAFinding() {
        String auditor = Vault.user("auditor", "auditor");
        String analyst = Vault.user("analyst", "analyst");
        String accessed = Vault.upload(analyst, "accessed.txt", "read by the auditor\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().path("id");
        String other = Vault.upload(analyst, "other.txt", "never read\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().path("id");
        Vault.as(auditor).get("/api/documents/" + accessed + "/content").then().statusCode(200);
        long seq = Vault.as(auditor).queryParam("documentId", accessed).queryParam("action", "document.download")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getLong("items[0].seq");

        // Someone with access to the catalog moves the download out of "who accessed this document".
        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.update("documentId = ?1 where seq = ?2", other, seq));
        JsonPath verdict;
        try {
            Vault.as(auditor).queryParam("documentId", accessed).queryParam("action", "document.download")
                    .get("/api/audit").then().statusCode(200).body("items", empty());
            verdict = Vault.as(auditor).queryParam("scope", "full").get("/api/audit/verify").then().statusCode(200)
                    .extract().jsonPath();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> IndexedEvent.update("documentId = ?1 where seq = ?2", accessed,
                    seq));
        }

        assertFalse(verdict.getBoolean("ok"));
        assertEquals("full", verdict.getString("scope"));
        assertEquals(seq, verdict.getLong("firstBrokenSeq"));
        assertEquals(List.of("index-disagrees"), verdict.getList("findings.kind"));
        assertTrue(verdict.getString("findings[0].message").contains("document_id"), verdict.prettify());
        Vault.as(auditor).queryParam("scope", "full").get("/api/audit/verify").then().statusCode(200)
                .body("ok", equalTo(true));
    }

    @Test
    void aVerificationResumesAtTheCheckpointTheLastOneReached() {
        String auditor = Vault.user("auditor", "auditor");
        JsonPath first = verify(auditor);

        JsonPath next = verify(auditor);

        assertTrue(next.getBoolean("ok"), next.prettify());
        assertEquals("incremental", next.getString("scope"), next.prettify());
        assertEquals(first.getLong("toSeq"), next.getLong("checkpointSeq"), next.prettify());
        assertEquals(first.getLong("toSeq") + 1, next.getLong("fromSeq"), next.prettify());
    }

    /** The checkpoint's own event rewritten with another hash: the checkpoint no longer fits, so all is read. */
    @Test
    void aCheckpointWhoseEventWasRewrittenIsNotResumedFrom() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        long checkpoint = verify(auditor).getLong("toSeq");
        Path segment = JournalOnDisk.segmentHolding(checkpoint);
        String line = JournalOnDisk.lineOf(checkpoint);
        String hash = JournalOnDisk.hashOf(line);
        String rewritten = line.replace(hash, new StringBuilder(hash).reverse().toString());

        JsonPath verdict = verifyTampered(auditor, segment, text -> text.replace(line, rewritten));

        assertEquals("full", verdict.getString("scope"), verdict.prettify());
        assertTrue(verdict.getString("note").contains("is not where it was verified"), verdict.prettify());
        assertFalse(verdict.getBoolean("ok"));
        assertEquals(checkpoint, verdict.getLong("firstBrokenSeq"), verdict.prettify());
    }

    /** Three uploads; the middle one's event has events on both sides in the journal. */
    private static long seqOfMiddleUpload(String auditor) {
        String analyst = Vault.user("analyst", "analyst");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Vault.upload(analyst, "minutes-" + i + ".txt",
                    ("board minutes " + i + " " + analyst + "\n").getBytes(StandardCharsets.UTF_8))
                    .then().statusCode(201).extract().path("id"));
        }
        return Vault.as(auditor).queryParam("documentId", ids.get(1)).queryParam("action", "document.upload")
                .get("/api/audit").then().statusCode(200).body("items.outcome", contains("success"))
                .extract().jsonPath().getLong("items[0].seq");
    }

    /** Verifies the journal with one segment changed, then puts the segment back. */
    private static JsonPath verifyTampered(String auditor, Path segment, java.util.function.UnaryOperator<String> change)
            throws java.io.IOException {
        JournalOnDisk.Tampering tampering = JournalOnDisk.tamper(segment, change);
        try {
            return verify(auditor);
        } finally {
            tampering.restore();
        }
    }

    private static JsonPath verify(String auditor) {
        return Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> seqsOf(JsonPath verdict) {
        return verdict.getList("findings.seq", Number.class).stream().map(Number::longValue).toList();
    }
}
