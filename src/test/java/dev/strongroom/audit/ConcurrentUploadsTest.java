package dev.strongroom.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentUploadsTest {

    private static final int UPLOADS = 200;
    private static final int THREADS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoHundredConcurrentUploadsAreTwoHundredEventsInOneUnbrokenChain() throws Exception {
        String analyst = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");

        Set<String> documentIds = uploadConcurrently(analyst);

        JsonPath events = Vault.as(auditor).queryParam("action", "document.upload").queryParam("outcome", "success")
                .queryParam("actor", analyst).queryParam("size", 1000).get("/api/audit").then().statusCode(200)
                .body("total", equalTo(UPLOADS)).extract().jsonPath();
        List<Long> seqs = events.getList("items.seq", Number.class).stream().map(Number::longValue).toList();
        assertEquals(UPLOADS, new HashSet<>(seqs).size(), "every upload has its own sequence number");
        assertEquals(documentIds, new HashSet<>(events.getList("items.resource", String.class).stream()
                .map(r -> r.substring("document/".length())).toList()), "every upload has its event");

        Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));

        Map<Long, String> hashBySeq = chainOnDisk();
        List<String> hashes = events.getList("items.hash", String.class);
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(hashes.get(i), hashBySeq.get(seqs.get(i)), "event " + seqs.get(i) + " as queried and on disk");
        }
    }

    private static Set<String> uploadConcurrently(String analyst) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                byte[] content = ("ledger line " + i + " of " + analyst + "\n").getBytes(StandardCharsets.UTF_8);
                String name = "ledger-" + i + ".txt";
                uploads.add(pool.submit(() -> Vault.upload(analyst, name, content).then().statusCode(201).extract()
                        .<String>path("id")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> upload : uploads) {
                ids.add(upload.get(2, TimeUnit.MINUTES));
            }
            assertEquals(UPLOADS, ids.size());
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Reads every journal file and checks the whole chain against the documented rule: sequence
     * numbers one apart from 1, each line's hash its own, each prevHash the hash before it.
     */
    private static Map<Long, String> chainOnDisk() throws Exception {
        Map<Long, String> hashBySeq = new HashMap<>();
        long previousSeq = 0;
        String previousHash = AuditEvent.GENESIS_HASH;
        for (String line : JournalOnDisk.lines()) {
            JsonNode event = JSON.readTree(line);
            long seq = event.get("seq").asLong();
            String hash = event.get("hash").asText();
            assertEquals(previousSeq + 1, seq, "the sequence number after " + previousSeq);
            assertEquals(previousHash, event.get("prevHash").asText(), "prevHash of event " + seq);
            assertEquals(JournalOnDisk.hashOf(line), hash, "hash of event " + seq);
            hashBySeq.put(seq, hash);
            previousSeq = seq;
            previousHash = hash;
        }
        assertTrue(previousSeq >= UPLOADS);
        return hashBySeq;
    }
}
