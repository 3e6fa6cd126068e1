package dev.strongroom.retention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races on one document, many times over, released together by a latch: a legal hold against the
 * disposal approval of the same document, and an upload of identical bytes against the disposal of
 * another document that shares the blob. The first to commit wins; the other is a 409 problem naming
 * why; nothing answers 500; no document ends both held and disposed; no live document loses its blob.
 */
@QuarkusTest
class HoldVersusDisposalRaceTest {

    private static final int ROUNDS = 5;
    private static final int DOCUMENTS_PER_ROUND = 8;

    private ExecutorService pool;
    private String analyst;
    private String auditor;
    private String requester;
    private String approver;

    @BeforeEach
    void users() {
        pool = Executors.newFixedThreadPool(2 * DOCUMENTS_PER_ROUND);
        analyst = Vault.user("racer", "analyst");
        auditor = Vault.user("racer", "auditor");
        requester = Vault.user("racer", "admin");
        approver = Vault.user("racer", "admin");
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }

    @Test
    void aHoldAndAnApprovalOnOneDocumentNeverBothWin() throws Exception {
        List<String> findings = new ArrayList<>();
        int holdsWon = 0;
        int disposalsWon = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> ids = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (String[] pair : uploadedAndRequested(Collections.nCopies(DOCUMENTS_PER_ROUND, null))) {
                ids.add(pair[0]);
                requests.add(pair[1]);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> holds = new ArrayList<>();
            List<Future<Response>> approvals = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS_PER_ROUND; d++) {
                String id = ids.get(d);
                String requestId = requests.get(d);
                holds.add(pool.submit(released(start, () -> Vault.as(auditor).contentType("application/json")
                        .body(Map.of("hold", true, "reason", "race")).put("/api/documents/" + id + "/legal-hold"))));
                approvals.add(pool.submit(released(start,
                        () -> Vault.as(approver).post("/api/disposals/" + requestId + "/approve"))));
            }
            start.countDown();
            for (int d = 0; d < DOCUMENTS_PER_ROUND; d++) {
                String id = ids.get(d);
                Response hold = holds.get(d).get(2, TimeUnit.MINUTES);
                Response approval = approvals.get(d).get(2, TimeUnit.MINUTES);
                boolean held = hold.statusCode() == 200;
                boolean disposed = approval.statusCode() == 200;
                if (held == disposed) {
                    findings.add(id + ": hold " + hold.statusCode() + ", approval " + approval.statusCode());
                    continue;
                }
                Response loser = held ? approval : hold;
                if (loser.statusCode() != 409 || !"application/problem+json".equals(loser.contentType())
                        || !loser.jsonPath().getString("type").endsWith(held ? "legal-hold" : "document-disposed")) {
                    findings.add(id + ": the loser answered " + loser.statusCode() + " " + loser.asString());
                }
                Response now = Vault.as(auditor).get("/api/documents/" + id);
                boolean tombstoned = Vault.as(auditor).get("/api/tombstones").jsonPath()
                        .getList("documentId").contains(id);
                if (held && (now.statusCode() != 200 || !now.jsonPath().getBoolean("legalHold") || tombstoned)
                        || disposed && (now.statusCode() != 404 || !tombstoned)) {
                    findings.add(id + ": " + (held ? "held" : "disposed") + " but the catalog says " + now.statusCode()
                            + " " + now.asString() + ", tombstone " + tombstoned);
                }
                holdsWon += held ? 1 : 0;
                disposalsWon += disposed ? 1 : 0;
            }
        }
        System.out.printf("HoldVersusDisposalRaceTest: %d races, hold won %d, disposal won %d%n",
                ROUNDS * DOCUMENTS_PER_ROUND, holdsWon, disposalsWon);
        assertEquals(List.of(), findings);
    }

    @Test
    void anUploadOfTheSameBytesNeverLosesItsBlobToADisposal() throws Exception {
        List<String> findings = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<byte[]> contents = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS_PER_ROUND; d++) {
                contents.add(Samples.text(3000));
            }
            List<String> requests = uploadedAndRequested(contents).stream().map(pair -> pair[1]).toList();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> uploads = new ArrayList<>();
            List<Future<Response>> approvals = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS_PER_ROUND; d++) {
                byte[] bytes = contents.get(d);
                String requestId = requests.get(d);
                approvals.add(pool.submit(released(start,
                        () -> Vault.as(approver).post("/api/disposals/" + requestId + "/approve"))));
                uploads.add(pool.submit(released(start, () -> Vault.as(analyst).multiPart("file", "same.txt", bytes)
                        .multiPart("retentionClass", "receipt").post("/api/documents"))));
            }
            start.countDown();
            for (int d = 0; d < DOCUMENTS_PER_ROUND; d++) {
                Response approval = approvals.get(d).get(2, TimeUnit.MINUTES);
                Response upload = uploads.get(d).get(2, TimeUnit.MINUTES);
                if (approval.statusCode() != 200 || upload.statusCode() != 201) {
                    findings.add("approval " + approval.statusCode() + ", upload " + upload.statusCode());
                    continue;
                }
                String id = upload.jsonPath().getString("id");
                Response download = Vault.as(analyst).get("/api/documents/" + id + "/content");
                if (download.statusCode() != 200) {
                    findings.add(id + " lost its blob to the disposal (blobRemoved "
                            + approval.jsonPath().getBoolean("blobRemoved") + "): " + download.statusCode());
                } else {
                    assertArrayEquals(contents.get(d), download.asByteArray());
                }
                assertEquals(1, Samples.countBlobFiles(Samples.sha256(contents.get(d))));
            }
        }
        assertEquals(List.of(), findings);
    }

    /** Uploads each content (or a fresh text for null) past retention and requests its disposal, in parallel. */
    private List<String[]> uploadedAndRequested(List<byte[]> contents) throws Exception {
        List<Future<String[]>> done = new ArrayList<>();
        for (byte[] content : contents) {
            done.add(pool.submit(() -> {
                String id = upload(content == null ? Samples.text(200) : content);
                return new String[] { id, requestDisposal(id) };
            }));
        }
        List<String[]> pairs = new ArrayList<>();
        for (Future<String[]> pair : done) {
            pairs.add(pair.get(2, TimeUnit.MINUTES));
        }
        return pairs;
    }

    private String upload(byte[] bytes) {
        return Vault.as(analyst).multiPart("file", "race.txt", bytes).multiPart("retentionClass", "expired")
                .post("/api/documents").then().statusCode(201).extract().path("id");
    }

    private String requestDisposal(String id) {
        return Vault.as(requester).queryParam("reason", "race").delete("/api/documents/" + id).then().statusCode(202)
                .extract().path("id");
    }

    private static Callable<Response> released(CountDownLatch start, Callable<Response> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }
}
