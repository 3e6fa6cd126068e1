package dev.strongroom.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.hardening.RawHttp;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload for scripts: the file itself as the body of {@code POST /api/documents?name=...}. It
 * keeps every guarantee of the multipart form: limits, digests, type checks, receipts, the audited
 * write-ahead event, and nothing stored on any refusal.
 */
@QuarkusTest
class RawBodyUploadTest {

    private static ValidatableResponse problem(ValidatableResponse response, int status, String detailPart) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", containsString(detailPart));
    }

    @Test
    void theBodyIsStoredAsTheFileWithItsQueryFieldsAReceiptAndAnAuditedLedgerEvent() {
        String alice = Vault.user("alice", "analyst");
        byte[] pdf = Samples.pdf("Raw body");
        String name = "Invoice; March, 2026.pdf";
        JsonPath created = Vault.as(alice).contentType("application/octet-stream").queryParam("name", name)
                .queryParam("retentionClass", "invoice").queryParam("description", "Taxi to the airport")
                .queryParam("tags", "travel, taxi").queryParam("tags", "q1").body(pdf).post("/api/documents").then()
                .statusCode(201).header("Location", startsWith("http")).body("sha256", equalTo(Samples.sha256(pdf)))
                .body("size", equalTo(pdf.length)).body("contentType", equalTo("application/pdf"))
                .body("fileName", equalTo(name)).body("retentionClass", equalTo("invoice")).extract().jsonPath();
        String id = created.getString("id");

        JsonPath receipt = JsonPath.from(created.getString("receipt.payload"));
        assertEquals(id, receipt.getString("documentId"));
        assertEquals(Samples.sha256(pdf), receipt.getString("sha256"));
        assertEquals(name, receipt.getString("fileName"));
        assertEquals(alice, receipt.getString("uploader"));
        Vault.as(alice).get("/api/documents/" + id + "/receipt").then().statusCode(200)
                .body("signature", equalTo(created.getString("receipt.signature")));

        Vault.as(alice).get("/api/documents/" + id).then().statusCode(200)
                .body("description", equalTo("Taxi to the airport")).body("tags", equalTo(List.of("q1", "taxi", "travel")));
        assertArrayEquals(pdf, Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .extract().asByteArray());

        // The journal's event carries the whole catalog row: the write-ahead record a lost row is rebuilt from.
        JsonPath event = Vault.as(Vault.user("audrey", "auditor"))
                .get("/api/audit?action=document.upload&documentId=" + id).then().statusCode(200)
                .body("total", equalTo(1)).extract().jsonPath();
        assertEquals("success", event.getString("items[0].outcome"));
        assertEquals(alice, event.getString("items[0].actor"));
        assertEquals(Samples.sha256(pdf), event.getString("items[0].detail.sha256"));
        assertEquals(name, event.getString("items[0].detail.fileName"));
        assertEquals("invoice", event.getString("items[0].detail.retentionClass"));
        assertEquals("Taxi to the airport", event.getString("items[0].detail.description"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() {
        String alice = Vault.user("alice", "analyst");
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, Duration.ofSeconds(20), false,
                out -> out.write(RawHttp.head("POST /api/documents?name=huge.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: " + RawHttp.basic(alice, Vault.PASSWORD)
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (10L << 30)
                        + "\r\nConnection: close")));
        assertEquals(413, answer.status(), answer::text);
        assertTrue(answer.text().contains("larger than the limit"), answer::text);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "answered without waiting for a body");
        Samples.assertNoDocuments(alice);
    }

    @Test
    void aBodyCutOffBeforeItsContentLengthIsRefusedAndNeverStored() throws Exception {
        String alice = Vault.user("alice", "analyst");
        byte[] body = Samples.text(20_000);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST /api/documents?name=cut.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + RawHttp.basic(alice, Vault.PASSWORD) + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (body.length + 5000)));
            out.write(body);
            out.flush();
            // The client goes away mid-body, after the vault has started reading it (nothing to observe from here).
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        }
        String audrey = Vault.user("audrey", "auditor");
        await().atMost(Duration.ofSeconds(90)).until(() -> Vault.as(audrey)
                .get("/api/audit?action=document.upload&outcome=rejected&actor=" + alice).then().statusCode(200)
                .extract().<Integer>path("total") > 0);
        Samples.assertNoDocuments(alice);
        Samples.assertNoBlob(Samples.sha256(body));
    }

    @Test
    void aChunkedBodyIs413OnceItPassesTheLimitAndLeavesNothing() {
        String alice = Vault.user("alice", "analyst");
        byte[] big = Samples.text(6 * 1024 * 1024);
        problem(Vault.as(alice).contentType("application/octet-stream").queryParam("name", "big.txt")
                .body(new ByteArrayInputStream(big)).post("/api/documents").then(), 413, "larger than the limit");
        Samples.assertNoDocuments(alice);
        Samples.assertNoBlob(Samples.sha256(big));
    }

    @Test
    void aDigestThatDoesNotMatchIs422InEitherHeaderAndStoresNothing() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(3000);
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        Vault.as(alice).contentType("application/octet-stream").queryParam("name", "a.txt")
                .header("Content-Digest", "sha-256=:" + wrong + ":").body(text).post("/api/documents").then()
                .statusCode(422).contentType("application/problem+json")
                .body("actualSha256", equalTo(Samples.sha256(text))).body("detail", containsString("nothing was stored"));
        Vault.as(alice).contentType("application/octet-stream").queryParam("name", "a.txt")
                .header("x-checksum-sha256", "00".repeat(32)).body(text).post("/api/documents").then().statusCode(422);
        Samples.assertNoDocuments(alice);
        Samples.assertNoBlob(Samples.sha256(text));

        byte[] digest = HexFormat.of().parseHex(Samples.sha256(text));
        Vault.as(alice).contentType("application/octet-stream").queryParam("name", "a.txt")
                .header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":").body(text)
                .post("/api/documents").then().statusCode(201);
        Vault.as(alice).contentType("application/octet-stream").queryParam("name", "b.txt")
                .header("x-checksum-sha256", Samples.sha256(text)).body(text).post("/api/documents").then()
                .statusCode(201);
    }

    @Test
    void refusedTypesAre415WhateverTheNameOrContentTypeSays() {
        String alice = Vault.user("alice", "analyst");
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, elf, 0, 8);
        problem(Vault.as(alice).contentType("application/pdf").queryParam("name", "invoice.pdf").body(elf)
                .post("/api/documents").then(), 415, "application/x-").body("detectedType", containsString("application/x-"));
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        problem(Vault.uploadRaw(alice, "notes.txt", html).then(), 415, "text/html");
        Samples.assertNoDocuments(alice);
    }

    @Test
    void anEmptyBodyNoNameOrABadFieldIs400AndStoresNothing() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.uploadRaw(alice, "empty.txt", new byte[0]).then(), 400, "empty");
        problem(Vault.as(alice).contentType("application/octet-stream").body(Samples.text(100)).post("/api/documents")
                .then(), 400, "query parameter 'name'");
        problem(Vault.as(alice).contentType("application/octet-stream").queryParam("name", "a.txt")
                .queryParam("retentionClass", "forever").body(Samples.text(100)).post("/api/documents").then(), 400,
                "receipt");
        Samples.assertNoDocuments(alice);
    }

    @Test
    void curlsDefaultFormContentTypeStillStoresTheBytesAsTheyAre() {
        String alice = Vault.user("alice", "analyst");
        byte[] bytes = "amount=12.50&currency=EUR&vendor=Taxi\n".getBytes(StandardCharsets.US_ASCII);
        String id = Vault.as(alice).contentType("application/x-www-form-urlencoded").queryParam("name", "query.txt")
                .body(new String(bytes, StandardCharsets.US_ASCII)).post("/api/documents").then().statusCode(201).body("sha256", equalTo(Samples.sha256(bytes)))
                .extract().path("id");
        assertArrayEquals(bytes, Vault.as(alice).get("/api/documents/" + id + "/content").asByteArray());
    }

    @Test
    void onlyAnalystsMayUploadAndOnlyWhenSignedIn() {
        String audrey = Vault.user("audrey", "auditor");
        problem(Vault.uploadRaw(audrey, "a.txt", Samples.text(100)).then(), 403, "roles");
        problem(given().contentType("application/octet-stream").queryParam("name", "a.txt").body(Samples.text(100))
                .post("/api/documents").then(), 401, "Sign in");
    }

    @Test
    void theApiReferenceShowsTheFileAsTheBodyFirstAndTheFormAfterIt() throws Exception {
        JsonNode upload = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString()).path("paths").path("/api/documents").path("post");
        assertTrue(upload.path("summary").asText().contains("the file as the body"), upload::toString);
        List<String> types = new ArrayList<>();
        upload.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
        assertEquals(List.of("application/octet-stream", "multipart/form-data"), types);
        assertTrue(upload.path("parameters").toString().contains("\"name\""), upload::toString);
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsCutOffWith408() {
        String alice = Vault.user("alice", "analyst");
        byte[] body = Samples.text(200_000);
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, Duration.ofSeconds(15), false, out -> {
            out.write(RawHttp.head("POST /api/documents?name=slow.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + RawHttp.basic(alice, Vault.PASSWORD) + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close"));
            out.flush();
            // The vault holds an upload to its minimum rate after a 2 s grace in tests.
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            for (int at = 0; at < body.length && System.nanoTime() < until; at += 10) {
                out.write(body, at, 10);
                out.flush();
                await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
            }
        });
        assertEquals(408, answer.status(), answer::text);
        assertTrue(answer.text().contains("too slowly"), answer::text);
        Samples.assertNoDocuments(alice);
    }
}
