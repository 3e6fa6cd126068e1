package dev.strongroom.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.User;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cuts the packaged vault's journal the ways an accident or an attacker does, while it is stopped and
 * while it runs, and checks each time that the vault notices (at start, or at the next write), turns
 * read-only instead of writing events under numbers it already gave out, keeps serving downloads and
 * audit reads, and that the documented recovery (docs/audit-recovery.md) brings it back to a verifying
 * chain: a tail restored from the index, and a loss sealed by an admin and an auditor. Also a line cut
 * out of the middle (found at start, writes go on) and a torn last line (cut, and the cut recorded).
 * No sequence number is ever used for two different events across all of it.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class JournalCutIT {

    private static final User ANALYST = new User("cut-analyst", "analyst-password-for-cuts");
    private static final User AUDITOR = new User("cut-auditor", "auditor-password-for-cuts");
    private static final User OPS = new User("cut-ops", "ops-password-for-cuts-ok");

    private Path work;
    private Path data;
    private JournalFiles journal;
    private int starts;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyCutIsFoundNoNumberIsReusedAndTheDocumentedRecoveryRestoresAVerifyingChain() throws Exception {
        work = ScratchDirectory.fresh("journal-cut");
        data = work.resolve("data");
        journal = new JournalFiles(data);
        String document;
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            client.createUser(ANALYST, "analyst");
            client.createUser(AUDITOR, "auditor");
            client.createUser(OPS, "ops");
            document = upload(client, "first.txt", 201);
            upload(client, "second.txt", 201);
            assertEquals(200, client.download(ANALYST, document).status());
            vault.kill();
        }
        journal.assertNoNumberReused("before any cut");

        linesCutWhileStoppedAreRestoredFromTheIndex(document);
        journal.assertNoNumberReused("after the tail restore");
        segmentDeletedWhileRunningIsCaughtAtTheNextWrite(document);
        journal.assertNoNumberReused("after the running deletion");
        wholeSegmentDeletedWhileStoppedIsSealedByAnAdminAndAnAuditor(document);
        journal.assertNoNumberReused("after the gap");
        lineCutFromTheMiddleIsFoundAtStart();
        journal.assertNoNumberReused("after the middle cut");
        tornLastLineIsCutAndTheCutRecorded();
        journal.assertNoNumberReused("after the torn line");

        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            JsonNode verified = client.verifyFull(AUDITOR);
            assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
            assertEquals("UP", client.healthCheck("audit-journal").path("status").asText());
            vault.kill();
        }
        journal.assertNoNumberReused("at the end");
    }

    /** Cut: the last lines of the newest segment, while stopped. Recovery: the tail from the index. */
    private void linesCutWhileStoppedAreRestoredFromTheIndex(String document) throws Exception {
        Path newest = journal.newest();
        List<String> lines = JournalFiles.lines(newest);
        List<String> cut = new ArrayList<>(lines.subList(lines.size() - 3, lines.size()));
        JournalFiles.write(newest, lines.subList(0, lines.size() - 3));
        long head = JournalFiles.seqOf(lines.get(lines.size() - 4));
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            assertReadOnly(client, "SHORTER_THAN_ANCHOR", "events " + (head + 1) + " to " + (head + 3)
                    + " are missing from the journal");
            assertReadsGoOn(client, document);
            JsonNode status = client.getJson(OPS, "/api/audit/recovery");
            assertEquals(head + 1, status.path("missingFrom").asLong(), status.toPrettyString());
            assertEquals(head + 3, status.path("missingTo").asLong(), status.toPrettyString());
            assertTrue(status.path("heldEvents").asInt() > 0, "the reads were recorded, held: " + status);

            JsonNode restored = VaultClient.json(expect(200, client.send(OPS, "POST",
                    "/api/audit/recovery/restore-tail?source=index", null)));
            assertEquals("writable", restored.path("state").asText(), restored.toPrettyString());
            assertEquals(0, restored.path("heldEvents").asInt(), "the held events joined the chain: " + restored);
            assertWritableAndVerifying(client);
            vault.kill();
        }
        List<String> now = journal.lines();
        assertTrue(now.containsAll(cut), "the cut lines are back, byte for byte");
    }

    /** Cut: the newest segment deleted while the vault runs. Caught at the next write; nothing acknowledged. */
    private void segmentDeletedWhileRunningIsCaughtAtTheNextWrite(String document) throws Exception {
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            long documents = client.allDocuments(ANALYST).size();
            Files.delete(journal.newest());
            HttpResponse<String> refused = uploadResponse(client, "after-the-deletion.txt");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("audit-journal-read-only"), refused.body());
            assertTrue(refused.body().contains("deleted while the vault ran"), refused.body());
            assertEquals(documents, client.allDocuments(ANALYST).size(), "the refused upload is not a document");
            assertReadOnly(client, "SEGMENT_CHANGED", "was deleted while the vault ran");
            assertReadsGoOn(client, document);

            JsonNode restored = VaultClient.json(expect(200, client.send(OPS, "POST",
                    "/api/audit/recovery/restore-tail?source=index", null)));
            assertEquals("writable", restored.path("state").asText(), restored.toPrettyString());
            assertWritableAndVerifying(client);
            vault.kill();
        }
    }

    /** Cut: a whole segment, while stopped, and no copy is used. Recovery: a gap an admin and an auditor confirm. */
    private void wholeSegmentDeletedWhileStoppedIsSealedByAnAdminAndAnAuditor(String document) throws Exception {
        Path newest = journal.newest();
        List<String> lines = JournalFiles.lines(newest);
        long first = JournalFiles.seqOf(lines.get(0));
        long last = JournalFiles.seqOf(lines.get(lines.size() - 1));
        Files.delete(newest);
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            assertReadOnly(client, "SHORTER_THAN_ANCHOR", "are missing from the journal");
            assertReadsGoOn(client, document);
            JsonNode proposal = VaultClient.json(expect(201, client.send(VaultClient.ADMIN, "POST",
                    "/api/audit/recovery/gaps", "{\"reason\":\"the segment was deleted by mistake and no copy is kept\"}")));
            assertEquals(first, proposal.path("lostFrom").asLong(), proposal.toPrettyString());
            assertEquals(last, proposal.path("lostTo").asLong(), proposal.toPrettyString());
            String confirm = "/api/audit/recovery/gaps/" + proposal.path("id").asText() + "/confirm";
            expect(403, client.send(VaultClient.ADMIN, "POST", confirm, null));
            expect(403, client.send(OPS, "POST", confirm, null));
            JsonNode sealed = VaultClient.json(expect(200, client.send(AUDITOR, "POST", confirm, null)));
            assertEquals("writable", sealed.path("state").asText(), sealed.toPrettyString());
            JsonNode verified = assertWritableAndVerifying(client);
            JsonNode gap = verified.path("sealedGaps").get(0);
            assertEquals(first, gap.path("fromSeq").asLong(), verified.toPrettyString());
            assertEquals(last, gap.path("toSeq").asLong(), verified.toPrettyString());
            assertEquals(last + 1, gap.path("gapSeq").asLong(), verified.toPrettyString());
            assertTrue(gap.path("confirmedBy").asText().startsWith(AUDITOR.name()), gap.toPrettyString());
            vault.kill();
        }
        try (VaultProcess vault = start()) {
            assertWritableAndVerifying(client(vault));
            vault.kill();
        }
    }

    /** Cut: one line out of the middle, while stopped. The start finds it; writing on does no harm. */
    private void lineCutFromTheMiddleIsFoundAtStart() throws Exception {
        Path newest = journal.newest();
        List<String> lines = JournalFiles.lines(newest);
        int middle = lines.size() / 2;
        String removed = lines.remove(middle);
        long seq = JournalFiles.seqOf(removed);
        JournalFiles.write(newest, lines);
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            await().atMost(Duration.ofMinutes(2)).until(() -> client.healthCheck("audit-journal").path("status")
                    .asText().equals("DOWN"));
            JsonNode health = client.healthCheck("audit-journal");
            assertTrue(health.toString().contains("CHAIN_BROKEN"), health.toPrettyString());
            assertEquals("writable", health.path("data").path("state").asText(), health.toPrettyString());
            JsonNode verified = client.verifyFull(AUDITOR);
            assertFalse(verified.path("ok").asBoolean(), verified.toPrettyString());
            assertEquals(seq, verified.path("firstBrokenSeq").asLong(), verified.toPrettyString());
            assertEquals("missing", verified.path("findings").get(0).path("kind").asText(), verified.toPrettyString());
            upload(client, "after-the-middle-cut.txt", 201);
            vault.kill();
        }
        List<String> now = JournalFiles.lines(newest);
        now.add(middle, removed);
        JournalFiles.write(newest, now);
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            await().atMost(Duration.ofMinutes(2)).until(() -> client.healthCheck("audit-journal").path("status")
                    .asText().equals("UP"));
            assertWritableAndVerifying(client);
            vault.kill();
        }
    }

    /** A crash (or a full volume) left half a line: cut at start, kept, and recorded with its hash. */
    private void tornLastLineIsCutAndTheCutRecorded() throws Exception {
        byte[] torn = "{\"seq\":999999,\"id\":\"never-finish".getBytes(StandardCharsets.UTF_8);
        Path newest = journal.newest();
        long before = Files.size(newest);
        Files.write(newest, torn, java.nio.file.StandardOpenOption.APPEND);
        try (VaultProcess vault = start()) {
            VaultClient client = client(vault);
            JsonNode cut = client.getJson(AUDITOR, "/api/audit?action=audit.journal.tail-cut&size=1").path("items").get(0);
            assertEquals(String.valueOf(torn.length), cut.path("detail").path("bytes").asText(), cut.toPrettyString());
            assertEquals(JournalFiles.sha256(torn), cut.path("detail").path("sha256").asText(), cut.toPrettyString());
            assertEquals(String.valueOf(before), cut.path("detail").path("offset").asText(), cut.toPrettyString());
            Path kept = data.resolve(cut.path("detail").path("keptAs").asText());
            assertTrue(java.util.Arrays.equals(torn, Files.readAllBytes(kept)), "the cut bytes are kept in " + kept);
            assertWritableAndVerifying(client);
            vault.kill();
        }
        assertTrue(JournalFiles.lines(newest).stream().noneMatch(l -> l.contains("never-finish")),
                "nothing was appended onto the torn line");
    }

    private void assertReadOnly(VaultClient client, String kind, String says) throws Exception {
        JsonNode check = client.healthCheck("audit-journal");
        assertEquals("DOWN", check.path("status").asText(), check.toPrettyString());
        assertEquals("read-only", check.path("data").path("state").asText(), check.toPrettyString());
        assertTrue(check.path("data").path("problem").asText().contains(kind), check.toPrettyString());
        HttpResponse<String> refused = uploadResponse(client, "while-read-only.txt");
        assertEquals(503, refused.statusCode(), refused.body());
        JsonNode problem = VaultClient.json(refused);
        assertTrue(problem.path("type").asText().endsWith("/audit-journal-read-only"), refused.body());
        assertTrue(problem.path("detail").asText().contains(says), refused.body());
        expect(503, client.send(VaultClient.ADMIN, "POST", "/api/admin/users",
                "{\"username\":\"not-while-read-only\",\"password\":\"password-long-enough\",\"roles\":[\"analyst\"]}"));
    }

    private static void assertReadsGoOn(VaultClient client, String document) {
        assertEquals(200, client.download(ANALYST, document).status(), "downloads work while read-only");
        assertEquals(200, client.send(AUDITOR, "GET", "/api/audit?size=5", null).statusCode(),
                "audit reads work while read-only");
    }

    private JsonNode assertWritableAndVerifying(VaultClient client) throws Exception {
        upload(client, "writable-again-" + starts + ".txt", 201);
        JsonNode verified = client.verifyFull(AUDITOR);
        assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
        assertEquals("writable", client.healthCheck("audit-journal").path("data").path("state").asText());
        return verified;
    }

    private static String upload(VaultClient client, String name, int status) throws Exception {
        HttpResponse<String> response = uploadResponse(client, name);
        assertEquals(status, response.statusCode(), response.body());
        return VaultClient.json(response).path("id").asText();
    }

    private static HttpResponse<String> uploadResponse(VaultClient client, String name) throws Exception {
        byte[] content = ("contents of " + name + "\n").getBytes(StandardCharsets.UTF_8);
        return client.upload(ANALYST, name, content.length, () -> new ByteArrayInputStream(content));
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        VaultClient.expect(status, response);
        return response;
    }

    private VaultProcess start() {
        starts++;
        return VaultProcess.start(data, work.resolve("vault-" + starts + ".log"), List.of("-Xmx256m"),
                Map.of("STRONGROOM_AUDIT_CLOUDWATCH_ENABLED", "false", "STRONGROOM_METADATA_ENABLED", "false",
                        "STRONGROOM_STARTUP_BACKGROUND_DELAY", "1s"));
    }

    private static VaultClient client(VaultProcess vault) {
        return new VaultClient(vault, Duration.ofSeconds(60));
    }
}
