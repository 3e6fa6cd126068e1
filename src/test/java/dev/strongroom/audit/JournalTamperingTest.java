package dev.strongroom.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alters the shared journal on disk and puts it back in a finally block. The tests are sequential,
 * so between the change and the restore only their own requests write events, and those are
 * appended after the altered bytes, where {@link JournalOnDisk.Tampering#restore()} keeps them.
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
        assertEquals(seq + 1, verdict.getLong("firstBrokenSeq"));
        assertEquals(List.of("broken-link"), verdict.getList("findings.kind"));
        assertEquals(List.of("event " + (seq + 1) + " does not chain to the event before it (prevHash mismatch)"),
                verdict.getList("findings.message"));
        Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void verificationNamesTheGapWhereALineWasDeleted() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        long seq = seqOfMiddleUpload(auditor);
        Path segment = JournalOnDisk.segmentHolding(seq);
        String line = JournalOnDisk.lineOf(seq);

        JsonPath verdict = verifyTampered(auditor, segment, text -> text.replace(line + "\n", ""));

        assertFalse(verdict.getBoolean("ok"));
        assertEquals(seq, verdict.getLong("firstBrokenSeq"));
        assertEquals(List.of(seq), seqsOf(verdict));
        assertEquals(List.of("missing"), verdict.getList("findings.kind"));
        assertEquals(List.of("event " + seq + " is missing"), verdict.getList("findings.message"));
        Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
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
