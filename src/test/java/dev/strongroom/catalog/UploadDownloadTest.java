package dev.strongroom.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UploadDownloadTest {

    @Test
    void downloadReturnsTheExactBytesUploaded() {
        String alice = Vault.user("alice", "analyst");
        byte[] pdf = Samples.pdf("Quarterly report");
        Response created = Vault.upload(alice, "report.pdf", pdf);
        created.then().statusCode(201).body("sha256", equalTo(Samples.sha256(pdf)))
                .body("contentType", equalTo("application/pdf")).body("size", equalTo(pdf.length));
        String id = created.path("id");
        byte[] downloaded = Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200)
                .header("ETag", "\"" + Samples.sha256(pdf) + "\"").extract().asByteArray();
        assertArrayEquals(pdf, downloaded);
    }
}
