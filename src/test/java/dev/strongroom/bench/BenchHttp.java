package dev.strongroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP client every benchmark uses, against the vault (the file as the body of a POST, or as
 * the part of a multipart POST; Basic auth) and against nginx (plain PUT/GET), so both sides pay the
 * same client costs.
 */
public final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "strongroom-bench-boundary-7f3a9c";

    private final HttpClient client;
    private final URI base;
    private final String authorization;

    public BenchHttp(URI base, String user, String password) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public BenchHttp as(String user, String password) {
        return new BenchHttp(base, user, password);
    }

    public URI base() {
        return base;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** Creates a vault user (as an admin); a user that already exists is fine. */
    public void createUser(String name, String password, List<String> roles) {
        String body = json(Map.of("username", name, "password", password, "roles", roles));
        HttpResponse<String> r = send(request("/api/admin/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("creating user " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Uploads bytes as a document, as the request's body; returns the status (201 when stored durably). */
    public int uploadRaw(byte[] content, String fileName) throws IOException, InterruptedException {
        HttpRequest req = request(rawUploadPath(fileName)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Streams a file from disk as a document upload, as the request's body; returns the vault's JSON answer. */
    public JsonNode uploadFileRaw(Path file) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r = send(request(rawUploadPath(file.getFileName().toString()))
                .header("Content-Type", "application/octet-stream").POST(body).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload of " + file + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    private static String rawUploadPath(String fileName) {
        return "/api/documents?name=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
    }

    /** Uploads bytes as a document, as a multipart form; returns the status (201 when stored durably). */
    public int upload(byte[] content, String fileName) throws IOException, InterruptedException {
        byte[] head = partHead(fileName);
        byte[] tail = partTail();
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest req = request("/api/documents").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Streams a file from disk as a document upload, as a multipart form; returns the vault's JSON answer. */
    public JsonNode uploadFile(Path file) {
        return uploadFile(file, Map.of());
    }

    /** As {@link #uploadFile(Path)}, with form fields before the file (retentionClass, description...). */
    public JsonNode uploadFile(Path file, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        byte[] fieldBytes = form.toString().getBytes(StandardCharsets.UTF_8);
        byte[] fileHead = partHead(file.getFileName().toString());
        byte[] head = new byte[fieldBytes.length + fileHead.length];
        System.arraycopy(fieldBytes, 0, head, 0, fieldBytes.length);
        System.arraycopy(fileHead, 0, head, fieldBytes.length, fileHead.length);
        byte[] tail = partTail();
        long length;
        try {
            length = head.length + Files.size(file) + tail.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(new ByteArrayInputStream(head),
                                new SequenceInputStream(Files.newInputStream(file), new ByteArrayInputStream(tail)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), length);
        HttpResponse<String> r = send(request("/api/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(body).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload of " + file + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    /** PUT of a file's bytes as the body (nginx WebDAV); returns the status. */
    public int put(String path, Path file) throws IOException, InterruptedException {
        return client.send(request(path).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** PUT of bytes as the body (nginx WebDAV); returns the status. */
    public int put(String path, byte[] content) throws IOException, InterruptedException {
        return client.send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GETs a path and hashes the body as it streams in; returns bytes and SHA-256. */
    public Fetched fetch(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = sha256();
        long bytes = 0;
        try (InputStream in = new DigestInputStream(r.body(), sha)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
            }
        }
        return new Fetched(r.statusCode(), bytes, HexFormat.of().formatHex(sha.digest()));
    }

    public record Fetched(int status, long bytes, String sha256) {
    }

    /** GET of a path with a query string built from the values (encoded). */
    public JsonNode getJson(String path, Map<String, String> query) {
        StringBuilder q = new StringBuilder(path);
        String sep = path.contains("?") ? "&" : "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(sep).append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            sep = "&";
        }
        return getJson(q.toString());
    }

    public JsonNode getJson(String path) {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    public JsonNode postJson(String path, int expected) {
        HttpResponse<String> r = send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(req.method() + " " + req.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] partHead(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] partTail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
