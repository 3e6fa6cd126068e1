package dev.strongroom.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.store.UploadActivity;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UploadDownloadTest {

    @Inject
    UploadActivity transfers;

    @Test
    void downloadReturnsTheExactBytesUploaded() {
        String alice = Vault.user("alice", "analyst");
        byte[] pdf = Samples.pdf("Quarterly report");
        Response created = Vault.upload(alice, "report.pdf", pdf);
        created.then().statusCode(201).header("Location", startsWith("http"))
                .body("sha256", equalTo(Samples.sha256(pdf))).body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(pdf.length)).body("retentionClass", equalTo("default"));
        String id = created.path("id");
        byte[] downloaded = Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .header("ETag", "\"" + Samples.sha256(pdf) + "\"").header("Content-Type", "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf")
                .extract().asByteArray();
        assertArrayEquals(pdf, downloaded);
    }

    @Test
    void rangeRequestReturnsExactlyThoseBytes() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(10_000);
        String id = Vault.upload(alice, "ledger.txt", text).then().statusCode(201).extract().path("id");
        byte[] part = Vault.as(alice).header("Range", "bytes=100-1099").get("/api/documents/" + id + "/content").then()
                .statusCode(206).header("Content-Range", "bytes 100-1099/10000").extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(text, 100, 1100), part);
        byte[] tail = Vault.as(alice).header("Range", "bytes=-10").get("/api/documents/" + id + "/content").then()
                .statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(text, 9_990, 10_000), tail);
        Vault.as(alice).header("Range", "bytes=20000-").get("/api/documents/" + id + "/content").then()
                .statusCode(416).header("Content-Range", "bytes */10000");
    }

    @Test
    void unchangedDocumentAnswersNotModified() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(500);
        String id = Vault.upload(alice, "a.txt", text).then().statusCode(201).extract().path("id");
        Vault.as(alice).header("If-None-Match", "\"" + Samples.sha256(text) + "\"")
                .get("/api/documents/" + id + "/content").then().statusCode(304);
    }

    @Test
    void identicalBytesAreStoredOnceButMakeTwoDocuments() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(2_000);
        String first = Vault.upload(alice, "one.txt", text).then().statusCode(201)
                .body("duplicates", hasSize(0)).extract().path("id");
        String second = Vault.upload(alice, "two.txt", text).then().statusCode(201)
                .body("duplicates.id", contains(first)).body("duplicates.originalFileName", contains("one.txt"))
                .extract().path("id");
        assertTrue(!first.equals(second));
        // Another analyst's copy of the same bytes: stored, but alice's documents are not his to know about.
        Vault.upload(Vault.user("bob", "analyst"), "mine.txt", text).then().statusCode(201)
                .body("duplicates", hasSize(0));
        Vault.uploadRaw(alice, "three.txt", text).then().statusCode(201).body("duplicates.id", contains(first, second));
        assertArrayEquals(text, Vault.as(alice).get("/api/documents/" + second + "/content").asByteArray());
        assertEquals(1, Samples.countBlobFiles(Samples.sha256(text)));
    }

    @Test
    void nonAsciiNamesDownloadWithFilenameStar() {
        String alice = Vault.user("alice", "analyst");
        String id = Vault.upload(alice, "reçu café €.txt", "ok".repeat(10).getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(201).body("fileName", equalTo("reçu café €.txt")).extract().path("id");
        Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200).header("Content-Disposition",
                "attachment; filename=\"re_u caf_ _.txt\"; filename*=UTF-8''re%C3%A7u%20caf%C3%A9%20%E2%82%AC.txt");
    }

    @Test
    void aFormKeepsTheFileNameAsTheBrowserSentItPunctuationIncluded() {
        String alice = Vault.user("alice", "analyst");
        String name = "Invoice; March, 2026: paid=yes.pdf";
        Vault.upload(alice, name, Samples.pdf("Named")).then().statusCode(201)
                .body("originalFileName", equalTo(name)).body("fileName", equalTo("Invoice; March, 2026_ paid=yes.pdf"));
    }

    @Test
    void aDownloadBeingSentHoldsBackBackgroundWorkUntilItHasEnded() throws Exception {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(4 * 1024 * 1024);
        String id = Vault.upload(alice, "big.txt", text).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(transfers::quiet);
        try (Socket socket = new Socket()) {
            // A small receive window, and nothing read: the vault cannot finish sending.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port));
            socket.getOutputStream().write(("GET /api/documents/" + id + "/content HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString((alice + ":" + Vault.PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !transfers.quiet());
            long read = 12;
            byte[] buffer = new byte[64 * 1024];
            for (int n; read < text.length && (n = in.read(buffer)) > 0;) {
                read += n;
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(transfers::quiet);
    }
}
