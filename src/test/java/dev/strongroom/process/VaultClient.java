package dev.strongroom.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to a {@link VaultProcess} over plain {@link HttpClient}, as an outside client would: HTTP
 * Basic, multipart bodies written by hand and streamed from an {@link InputStream}, downloads hashed
 * as they arrive. Nothing here holds a file whole in memory.
 */
final class VaultClient {

    static final User ADMIN = new User("admin", VaultProcess.ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final int PAGE_SIZE = 200;
    private static final int AUDIT_PAGE_SIZE = 1000;

    private final VaultProcess vault;
    private final HttpClient http;
    private final Duration timeout;

    VaultClient(VaultProcess vault, Duration timeout) {
        this.vault = vault;
        this.timeout = timeout;
        // HTTP/1.1 so no request is held back by an h2c upgrade attempt.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    void createUser(User user, String... roles) {
        String body = write(Map.of("username", user.name(), "password", user.password(), "roles", List.of(roles)));
        HttpResponse<String> response = send(request(ADMIN, "/api/admin/users")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
        expect(201, response);
    }

    /**
     * Uploads one file as the only part of a multipart body with an exact Content-Length, streaming
     * {@code content} (which must yield {@code size} bytes). Connection errors are thrown as they
     * come, so a caller can tell an upload that never got an answer from one that was refused.
     */
    HttpResponse<String> upload(User user, String fileName, long size, Supplier<InputStream> content)
            throws IOException, InterruptedException {
        return upload(user, fileName, size, content, Map.of());
    }

    /** As {@link #upload(User, String, long, Supplier)}, with form fields (retentionClass, ...) before the file. */
    HttpResponse<String> upload(User user, String fileName, long size, Supplier<InputStream> content,
            Map<String, String> fields) throws IOException, InterruptedException {
        String boundary = "strongroom-" + UUID.randomUUID();
        StringBuilder parts = new StringBuilder();
        fields.forEach((name, value) -> parts.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
                .append("\r\n"));
        byte[] head = (parts + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Supplier<InputStream> body = () -> new SequenceInputStream(new ByteArrayInputStream(head),
                new SequenceInputStream(content.get(), new ByteArrayInputStream(tail)));
        long length = head.length + size + tail.length;
        return http.send(request(user, "/api/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(body), length)).build(),
                BodyHandlers.ofString());
    }

    /**
     * Uploads one file as the request's body ({@code ?name=}), streaming {@code content} (which must
     * yield {@code size} bytes) with an exact Content-Length. Connection errors are thrown as they come.
     */
    HttpResponse<String> uploadRaw(User user, String fileName, long size, Supplier<InputStream> content)
            throws IOException, InterruptedException {
        return http.send(request(user, "/api/documents?name=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8))
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(content), size)).build(),
                BodyHandlers.ofString());
    }

    /** Uploads a small file with a retention class. */
    HttpResponse<String> upload(User user, String fileName, byte[] content, String retentionClass)
            throws IOException, InterruptedException {
        String boundary = "strongroom-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"retentionClass\"\r\n\r\n"
                + retentionClass + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return http.send(request(user, "/api/documents").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
    }

    /** Every document the user may see, following the pages to the end. */
    List<JsonNode> allDocuments(User user) {
        List<JsonNode> documents = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonNode result = getJson(user, "/api/documents?sort=uploaded&order=asc&size=" + PAGE_SIZE + "&page=" + page);
            result.get("items").forEach(documents::add);
            if (result.get("items").size() < PAGE_SIZE) {
                long total = result.get("total").asLong();
                if (documents.size() != total) {
                    throw new AssertionError("Paging gave " + documents.size() + " documents but total says " + total);
                }
                return documents;
            }
        }
    }

    /** Sequence numbers of every audit event the audit search finds, paging to the end. */
    Set<Long> searchableAuditEvents(User user) {
        Set<Long> seqs = new HashSet<>();
        // Newest first: events appended while paging push older ones down, so pages overlap but skip nothing.
        for (int page = 0;; page++) {
            JsonNode items = getJson(user, "/api/audit?size=" + AUDIT_PAGE_SIZE + "&page=" + page).get("items");
            items.forEach(event -> seqs.add(event.get("seq").asLong()));
            if (items.size() < AUDIT_PAGE_SIZE) {
                return seqs;
            }
        }
    }

    /** Downloads a document's content, hashing it on the way and copying it to {@code sink}. */
    Download download(User user, String id, OutputStream sink) {
        try {
            HttpResponse<InputStream> response = http.send(request(user, "/api/documents/" + id + "/content").GET()
                    .build(), BodyHandlers.ofInputStream());
            MessageDigest digest = Sha256.digest();
            long size;
            try (InputStream in = response.body(); DigestOutputStream out = new DigestOutputStream(sink, digest)) {
                size = in.transferTo(out);
            }
            return new Download(response.statusCode(), response.headers().firstValue("ETag").orElse(null),
                    Sha256.hex(digest), size);
        } catch (IOException e) {
            throw new UncheckedIOException("download of " + id + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Download download(User user, String id) {
        return download(user, id, OutputStream.nullOutputStream());
    }

    /**
     * One API call with an optional JSON body. A connection that breaks before the answer is thrown,
     * so a caller can tell a request that never got an answer from one that was refused.
     */
    HttpResponse<String> call(User user, String method, String pathAndQuery, Object jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(user, pathAndQuery);
        if (jsonBody == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(write(jsonBody)));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** The whole audit trail as the auditor exports it (NDJSON), oldest event first, without the header. */
    List<JsonNode> auditTrail(User auditor) {
        HttpResponse<String> response = send(request(auditor, "/api/audit/export?format=ndjson").GET());
        expect(200, response);
        List<JsonNode> events = new ArrayList<>();
        String[] lines = response.body().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                try {
                    events.add(JSON.readTree(lines[i]));
                } catch (IOException e) {
                    throw new AssertionError("an exported audit line is not JSON: " + lines[i], e);
                }
            }
        }
        return events;
    }

    JsonNode getJson(User user, String pathAndQuery) {
        HttpResponse<String> response = send(request(user, pathAndQuery).GET());
        expect(200, response);
        return json(response);
    }

    /** Any request, as {@code user} (null: without credentials), with a JSON body when one is given. */
    HttpResponse<String> send(User user, String method, String pathAndQuery, String jsonBody) {
        HttpRequest.Builder request = user == null
                ? HttpRequest.newBuilder(vault.uri(pathAndQuery)).timeout(timeout) : request(user, pathAndQuery);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request);
    }

    /** A page's form POST, as {@code user}: the fields URL-encoded, as a browser sends them. */
    HttpResponse<String> postForm(User user, String pathAndQuery, String encodedFields) {
        return send(request(user, pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(encodedFields)));
    }

    /**
     * A page's form POST as a browser makes it after loading {@code pagePath}: with the CSRF nonce cookie
     * that page set and the token it carries in the {@code csrf} field.
     */
    HttpResponse<String> submitPageForm(User user, String pagePath, String actionPath, String encodedFields) {
        HttpResponse<String> page = send(request(user, pagePath).GET());
        expect(200, page);
        Matcher token = CSRF_META.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token in " + pagePath);
        }
        String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList());
        return send(request(user, actionPath).header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(encodedFields + "&csrf=" + URLEncoder.encode(token.group(1),
                        StandardCharsets.UTF_8))));
    }

    /** The whole health report, UP or DOWN (then 503), as JSON. */
    JsonNode health() {
        return json(send(HttpRequest.newBuilder(vault.uri("/q/health")).timeout(timeout)));
    }

    /** One named check of the health report. */
    JsonNode healthCheck(String name) {
        for (JsonNode check : health().path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check named " + name + " in " + health());
    }

    /** {@code GET /api/audit/verify?scope=full}: the journal from its first event and every index row. */
    JsonNode verifyFull(User auditor) {
        return getJson(auditor, "/api/audit/verify?scope=full");
    }

    boolean ready() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(vault.uri("/q/health/ready")).timeout(timeout));
        return response.statusCode() == 200 && json(response).path("status").asText().equals("UP");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
    }

    /** A request without a body (a POST or DELETE that acts on the path alone); the answer as it came. */
    HttpResponse<String> call(User user, String method, String pathAndQuery) {
        return send(request(user, pathAndQuery).method(method, BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(User user, String pathAndQuery) {
        String basic = Base64.getEncoder()
                .encodeToString((user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(vault.uri(pathAndQuery)).timeout(timeout).header("Authorization", "Basic " + basic);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record User(String name, String password) {
    }

    /** What a download delivered: status, the ETag header, and the SHA-256 and length of the body. */
    record Download(int status, String etag, String sha256, long size) {
    }
}
