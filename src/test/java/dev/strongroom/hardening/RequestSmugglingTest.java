package dev.strongroom.hardening;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that declares its length twice (Content-Length and Transfer-Encoding: chunked) is the
 * request-smuggling shape of RFC 9112 §6.1. Over a raw socket: such an upload, framed correctly as
 * chunks, is refused by the HTTP layer with 400, nothing is stored, the connection is closed, and a
 * request pipelined behind it is never answered. A chunked upload without Content-Length still works.
 */
@QuarkusTest
class RequestSmugglingTest {

    private String analyst;

    @BeforeEach
    void signedUpAnalyst() {
        analyst = Vault.user("smuggler", "analyst");
    }

    @Test
    void aChunkedUploadThatAlsoDeclaresAContentLengthIsRefusedAndItsConnectionClosed() throws IOException {
        byte[] file = Samples.text(700);
        byte[] chunked = chunked(new Multipart().file("smuggled.txt", file).close());
        String pipelined = "GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(analyst)
                + "\r\n\r\n";
        String all = head("Content-Length: " + chunked.length + "\r\nTransfer-Encoding: chunked");
        String exchange = exchange(concat(all.getBytes(StandardCharsets.ISO_8859_1), chunked,
                pipelined.getBytes(StandardCharsets.ISO_8859_1)));

        assertTrue(exchange.startsWith("HTTP/1.1 400 "), "refused by the HTTP layer: " + firstLine(exchange));
        assertEquals(1, exchange.split("HTTP/1.1 ", -1).length - 1,
                "one answer only: the request pipelined behind it is never read; got:\n" + exchange);
        Vault.as(analyst).get("/api/documents").then().statusCode(200).body("total", equalTo(0));
        Samples.assertNoBlob(Samples.sha256(file));
    }

    @Test
    void aChunkedUploadWithoutContentLengthIsStillAccepted() throws IOException {
        byte[] chunked = chunked(new Multipart().file("chunked.txt", Samples.text(900)).close());
        String exchange = exchange(concat(head("Transfer-Encoding: chunked\r\nConnection: close").getBytes(StandardCharsets.ISO_8859_1),
                chunked));
        assertTrue(exchange.startsWith("HTTP/1.1 201 "), "stored: " + firstLine(exchange));
    }

    private String head(String framing) {
        // A request the test app has served already made sure the listening channel's hook is in place.
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        return "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(analyst)
                + "\r\nContent-Type: " + Multipart.CONTENT_TYPE + "\r\n" + framing + "\r\n\r\n";
    }

    /** Writes everything on a fresh connection and reads until the server closes it (or 10 s pass). */
    private static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                answer.writeBytes("\n(connection still open after 10 s)".getBytes(StandardCharsets.US_ASCII));
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 512) {
            int n = Math.min(512, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + Vault.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String firstLine(String exchange) {
        int end = exchange.indexOf('\r');
        return end < 0 ? exchange : exchange.substring(0, end);
    }
}
