package dev.strongroom.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal is problem+json that names the problem, and stores nothing. */
@QuarkusTest
class RefusalsTest {

    static ValidatableResponse problem(ValidatableResponse response, int status, String detailPart) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("title", notNullValue()).body("detail", containsString(detailPart))
                .body("requestId", notNullValue());
    }

    @Test
    void fileOverTheLimitIs413() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.upload(alice, "big.txt", Samples.text(6 * 1024 * 1024)).then(), 413, "larger than the limit");
        Samples.assertNoDocuments(alice);
    }

    @Test
    void executableIs415NamingTheDetectedType() {
        String alice = Vault.user("alice", "analyst");
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, elf, 0, 8);
        problem(Vault.upload(alice, "invoice.pdf", elf).then(), 415, "application/x-").body("detectedType",
                containsString("application/x-"));
        Samples.assertNoDocuments(alice);
    }

    @Test
    void digestMismatchIs422AndStoresNothing() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(1000);
        byte[] wrong = new byte[32];
        Vault.as(alice).header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(wrong) + ":")
                .multiPart("file", "a.txt", text).post("/api/documents").then().statusCode(422)
                .contentType("application/problem+json").body("actualSha256", equalTo(Samples.sha256(text)))
                .body("detail", containsString("nothing was stored"));
        Samples.assertNoDocuments(alice);
        Samples.assertNoBlob(Samples.sha256(text));
    }

    /** The README's own example: {@code x-checksum-sha256} with the hex that sha256sum prints. */
    @Test
    void aMismatchInXChecksumSha256Is422AndStoresNothing() {
        String alice = Vault.user("alice", "analyst");
        byte[] sent = "Taxi to airport\nTotal: 42.50 EUR\n".getBytes(StandardCharsets.UTF_8);
        String meant = Samples.sha256("Taxi to airport\nTotal: 45.20 EUR\n".getBytes(StandardCharsets.UTF_8));

        problem(Vault.as(alice).header("x-checksum-sha256", meant).multiPart("file", "receipt.txt", sent)
                .multiPart("retentionClass", "receipt").post("/api/documents").then(), 422, "nothing was stored")
                .body("clientSha256", equalTo(meant)).body("actualSha256", equalTo(Samples.sha256(sent)));
        Samples.assertNoDocuments(alice);
        Samples.assertNoBlob(Samples.sha256(sent));
    }

    @Test
    void matchingDigestIsAcceptedInEitherHeader() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(1000);
        byte[] digest = HexFormat.of().parseHex(Samples.sha256(text));
        Vault.as(alice).header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .multiPart("file", "a.txt", text).post("/api/documents").then().statusCode(201);
        Vault.as(alice).header("x-checksum-sha256", Samples.sha256(text)).multiPart("file", "b.txt", text)
                .post("/api/documents").then().statusCode(201);
    }

    @Test
    void malformedDigestHeaderIs400() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.as(alice).header("x-checksum-sha256", "abc").multiPart("file", "a.txt", Samples.text(10))
                .post("/api/documents").then(), 400, "x-checksum-sha256");
    }

    @Test
    void emptyFileIs400() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.upload(alice, "empty.txt", new byte[0]).then(), 400, "empty");
        Samples.assertNoDocuments(alice);
    }

    @Test
    void uploadWithoutFilePartIs400() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.as(alice).multiPart("description", "no file here").post("/api/documents").then(), 400,
                "no part named 'file'");
    }

    @Test
    void unknownRetentionClassIs400ListingTheKnownOnes() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.as(alice).multiPart("file", "a.txt", Samples.text(10)).multiPart("retentionClass", "forever")
                .post("/api/documents").then(), 400, "receipt");
    }

    @Test
    void missingCredentialsAre401WithChallenge() {
        problem(given().get("/api/documents").then(), 401, "Sign in").header("WWW-Authenticate",
                containsString("Basic"));
    }

    @Test
    void wrongPasswordIs401() {
        String alice = Vault.user("alice", "analyst");
        problem(given().auth().preemptive().basic(alice, "not-the-password").get("/api/documents").then(), 401,
                "Wrong user name or password");
    }

    @Test
    void analystCannotUseTheAdminApi() {
        String alice = Vault.user("alice", "analyst");
        problem(Vault.as(alice).contentType("application/json")
                .body(Map.of("username", "mallory", "password", "long-enough-password", "roles", new String[] { "admin" }))
                .post("/api/admin/users").then(), 403, "Your roles do not allow");
    }

    @Test
    void opsSeesTheCatalogEntryButNotTheContents() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        String id = Vault.upload(alice, "a.txt", Samples.text(100)).then().statusCode(201).extract().path("id");
        Vault.as(ops).get("/api/documents/" + id).then().statusCode(200);
        problem(Vault.as(ops).get("/api/documents/" + id + "/content").then(), 403, "Your roles do not allow GET");
    }

    @Test
    void analystCannotSeeAnotherAnalystsDocument() {
        String alice = Vault.user("alice", "analyst");
        String bob = Vault.user("bob", "analyst");
        String id = Vault.upload(alice, "private.txt", Samples.text(100)).then().statusCode(201).extract().path("id");
        problem(Vault.as(bob).get("/api/documents/" + id).then(), 404, id);
        problem(Vault.as(bob).get("/api/documents/" + id + "/content").then(), 404, id);
        Vault.as(bob).get("/api/documents").then().statusCode(200).body("total", equalTo(0));
        Vault.as(alice).get("/api/documents").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void unknownDocumentIs404() {
        String auditor = Vault.user("audrey", "auditor");
        problem(Vault.as(auditor).get("/api/documents/no-such-id").then(), 404, "no-such-id");
    }

    @Test
    void pathTraversalNameIsReducedToItsLastSegment() {
        String alice = Vault.user("alice", "analyst");
        Vault.upload(alice, "../../etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.US_ASCII))
                .then().statusCode(201).body("fileName", equalTo("passwd"))
                .body("originalFileName", equalTo("../../etc/passwd"));
    }

    @Test
    void markupInANameIsNeutralisedAndTheOriginalKept() {
        String alice = Vault.user("alice", "analyst");
        Vault.upload(alice, "<script>.pdf", Samples.pdf("x")).then().statusCode(201)
                .body("fileName", equalTo("_script_.pdf")).body("originalFileName", equalTo("<script>.pdf"))
                .body("contentType", equalTo("application/pdf"));
    }

    @Test
    void bidiOverrideInANameIsRemovedAndShownEscaped() {
        String alice = Vault.user("alice", "analyst");
        Vault.upload(alice, "invoice\u202Efdp.txt", Samples.text(50)).then().statusCode(201)
                .body("fileName", equalTo("invoicefdp.txt")).body("originalFileName", equalTo("invoice\\u202Efdp.txt"));
    }

    @Test
    void malformedQueryParameterIs400NamingIt() {
        String auditor = Vault.user("audrey", "auditor");
        problem(Vault.as(auditor).get("/api/documents?from=yesterday").then(), 400, "'from'");
        problem(Vault.as(auditor).get("/api/documents?size=100000").then(), 400, "'size'");
    }
}
