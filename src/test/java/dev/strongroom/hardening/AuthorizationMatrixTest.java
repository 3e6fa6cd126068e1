package dev.strongroom.hardening;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operation of the OpenAPI document, every page and the management endpoints, called as each
 * role and without credentials, against the expectations in src/test/resources/authz-matrix.yaml. An
 * operation the matrix does not list, or a matrix entry that no longer exists, fails the test, so a
 * new endpoint cannot ship without someone deciding who may call it. A role that is let through must
 * get the status the matrix names for it (for the API, one the OpenAPI document lists), not merely
 * something other than a refusal; and every route about one document, called by an analyst who does
 * not own it, answers 404 as if it did not exist. Every page form is also posted without its CSRF
 * token and must be refused.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    static final List<String> ROLES = List.of("analyst", "auditor", "ops", "admin");
    private static final String ANONYMOUS = "unauthenticated";
    private static final String UPLOAD = "POST /api/documents";
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "delete", "patch");
    /** "unauthenticated: open" in the matrix: anyone gets through. */
    private static final int OPEN = -1;
    /** The default for pages: 302 or 303 to the sign-in page. */
    private static final int REDIRECT_TO_SIGN_IN = 302;

    /** An analyst who does not own the document the {id} routes are called with. */
    private static final String OTHER_ANALYST = "another analyst";

    /** One row of the matrix; {@code status} is what each allowed role gets. */
    record Entry(String section, String method, String path, Set<String> allowed, Map<String, Set<Integer>> status,
            int denied, int unauthenticated, String body, String query, Map<String, String> form) {
        String key() {
            return method + " " + path;
        }

        /** A route about one document that an analyst may call: another analyst must not learn it exists. */
        boolean ownedByAnAnalyst() {
            return allowed.contains("analyst") && aboutOneDocument(path) && path.contains("{id}");
        }
    }

    /** Routes whose {id} is a document: the matrix calls them with its analyst's document. */
    static boolean aboutOneDocument(String path) {
        return path.startsWith("/api/documents") || path.startsWith("/documents") || path.startsWith("/receipts/");
    }

    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, WebSession> sessions = new LinkedHashMap<>();
    private String documentId;
    private String targetUser;
    private int cells;
    private int csrfChecks;
    private final Map<String, Integer> operations = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> documented = new LinkedHashMap<>();

    static Map<String, Entry> matrix(String section) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(
                    Files.readString(java.nio.file.Path.of("src/test/resources/authz-matrix.yaml")));
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get(section).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> row = it.next();
                String[] key = row.getKey().split(" ", 2);
                JsonNode v = row.getValue();
                Set<String> allowed = new TreeSet<>();
                if (!v.path("allowed").isArray() || v.get("allowed").isEmpty()) {
                    throw new IllegalStateException(row.getKey() + ": 'allowed' must list at least one role");
                }
                v.get("allowed").forEach(r -> allowed.add(r.asText()));
                if (!ROLES.containsAll(allowed)) {
                    throw new IllegalStateException(row.getKey() + ": unknown role in " + allowed);
                }
                Map<String, Set<Integer>> status = new LinkedHashMap<>();
                JsonNode documented = v.path("status");
                for (String role : allowed) {
                    JsonNode code = documented.isObject() ? documented.path(role) : documented;
                    Set<Integer> codes = new TreeSet<>();
                    (code.isArray() ? code : List.of(code)).forEach(c -> codes.add(c.isInt() ? c.asInt() : -1));
                    if (codes.isEmpty() || codes.contains(-1)) {
                        throw new IllegalStateException(row.getKey() + ": 'status' must give the answer for " + role);
                    }
                    status.put(role, codes);
                }
                Map<String, String> form = new LinkedHashMap<>();
                if (v.has("form")) {
                    v.get("form").fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
                }
                int anonymous = !v.has("unauthenticated") ? ("pages".equals(section) ? REDIRECT_TO_SIGN_IN : 401)
                        : "open".equals(v.get("unauthenticated").asText()) ? OPEN : v.get("unauthenticated").asInt();
                entries.put(row.getKey(), new Entry(section, key[0], key[1], allowed, status,
                        v.has("denied") ? v.get("denied").asInt() : 403, anonymous,
                        v.has("body") ? v.get("body").asText() : null, v.has("query") ? v.get("query").asText() : null,
                        form));
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the authorization matrix", e);
        }
    }

    /** Each OpenAPI operation with the response codes it documents. */
    static Map<String, Set<Integer>> documentedStatuses() {
        JsonNode paths = readJson(given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).get("paths");
        Map<String, Set<Integer>> ops = new java.util.TreeMap<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (HTTP_METHODS.contains(m.getKey())) {
                Set<Integer> codes = new TreeSet<>();
                m.getValue().path("responses").fieldNames().forEachRemaining(code -> {
                    if (code.matches("\\d{3}")) {
                        codes.add(Integer.parseInt(code));
                    }
                });
                ops.put(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), codes);
            }
        }));
        return ops;
    }

    /** Page operations, by reflection over the JAX-RS resources of dev.strongroom.web (hidden from OpenAPI). */
    static Set<String> pageOperations() throws IOException, ClassNotFoundException {
        Set<String> ops = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(java.nio.file.Path.of("target/classes/dev/strongroom/web"))) {
            for (java.nio.file.Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName("dev.strongroom.web." + name.replace(".class", ""));
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String method = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                            : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                                    : null;
                    if (method != null) {
                        Path sub = m.getAnnotation(Path.class);
                        String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                        ops.add(method + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                                : path));
                    }
                }
            }
        }
        return ops;
    }

    private static JsonNode readJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryRoleAsTheMatrixSays() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Entry> api = matrix("api");
        Map<String, Entry> pages = matrix("pages");
        Map<String, Entry> management = matrix("management");
        tests.add(DynamicTest.dynamicTest("the matrix lists exactly the OpenAPI operations", () -> {
            documented.putAll(documentedStatuses());
            Set<String> listed = documented.keySet();
            Set<String> missing = new TreeSet<>(listed);
            missing.removeAll(api.keySet());
            Set<String> stale = new TreeSet<>(api.keySet());
            stale.removeAll(listed);
            assertEquals(Set.of(), missing, "operations in OpenAPI without a matrix entry");
            assertEquals(Set.of(), stale, "matrix entries that are not in OpenAPI");
        }));
        tests.add(DynamicTest.dynamicTest("the matrix lists exactly the page operations", () -> {
            Set<String> found = pageOperations();
            Set<String> missing = new TreeSet<>(found);
            missing.removeAll(pages.keySet());
            Set<String> stale = new TreeSet<>(pages.keySet());
            stale.removeAll(found);
            assertEquals(Set.of(), missing, "page operations without a matrix entry");
            assertEquals(Set.of(), stale, "matrix page entries that no page resource serves");
        }));
        operations.put("api", api.size());
        operations.put("pages", pages.size());
        operations.put("management", management.size());
        tests.add(DynamicTest.dynamicTest("users for every role", this::prepare));
        for (Entry entry : concat(api, management)) {
            for (String who : identities(entry)) {
                tests.add(DynamicTest.dynamicTest(entry.key() + " as " + who, () -> {
                    check(entry, who, basic(entry, who));
                    cells++;
                }));
                if (entry.key().equals(UPLOAD)) {
                    // The same operation with the file as the body, the form scripts use.
                    tests.add(DynamicTest.dynamicTest(entry.key() + " (file as the body) as " + who, () -> {
                        check(entry, who, rawUpload(who));
                        cells++;
                    }));
                }
            }
        }
        for (Entry entry : pages.values()) {
            for (String who : identities(entry)) {
                tests.add(DynamicTest.dynamicTest("page " + entry.key() + " as " + who, () -> {
                    check(entry, who, page(entry, who, true));
                    cells++;
                }));
            }
            if (!"GET".equals(entry.method())) {
                String who = entry.allowed().iterator().next();
                tests.add(DynamicTest.dynamicTest("page form " + entry.key() + " without its CSRF token", () -> {
                    Response refused = page(entry, who, false);
                    assertEquals(403, refused.statusCode(), refused::asString);
                    assertTrue(refused.asString().contains("did not carry a valid token"),
                            () -> "the refusal names the missing token: " + refused.asString());
                    assertFalse(refused.asString().contains("Your roles do not include"),
                            () -> "and does not blame the user's roles: " + refused.asString());
                    csrfChecks++;
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("the sign-in form without its CSRF token signs no one in", () -> {
            Response post = given().redirects().follow(false).formParam("j_username", users.get("analyst"))
                    .formParam("j_password", Vault.PASSWORD).post("/j_security_check");
            assertFalse(post.getCookies().containsKey(WebSession.COOKIE), "no session cookie");
            csrfChecks++;
        }));
        tests.add(DynamicTest.dynamicTest("the backup run the matrix started has ended", this::awaitBackupRuns));
        return tests.stream();
    }

    @AfterAll
    void recordCounts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("operations", operations);
        counts.put("identities", identities().size());
        counts.put("cells", cells);
        counts.put("csrfChecks", csrfChecks);
        ReliabilityCounts.record("authorization", counts);
    }

    private static List<Entry> concat(Map<String, Entry> a, Map<String, Entry> b) {
        List<Entry> all = new ArrayList<>(a.values());
        all.addAll(b.values());
        return all;
    }

    private static List<String> identities() {
        List<String> all = new ArrayList<>(ROLES);
        all.add(ANONYMOUS);
        return all;
    }

    private static List<String> identities(Entry entry) {
        List<String> all = identities();
        if (entry.ownedByAnAnalyst()) {
            all.add(OTHER_ANALYST);
        }
        return all;
    }

    private void prepare() {
        for (String role : ROLES) {
            users.put(role, Vault.user("matrix-" + role, role));
        }
        users.put(OTHER_ANALYST, Vault.user("matrix-other-analyst", "analyst"));
        targetUser = Vault.user("matrix-target", "analyst");
        documentId = Vault.upload(users.get("analyst"), "matrix.pdf", Samples.pdf("Matrix")).then().statusCode(201)
                .extract().path("id");
        // Its preview exists once its metadata is extracted, which a loaded machine can take a while to do.
        await("the metadata of the matrix's document").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> Vault.as(users.get("analyst")).get("/api/documents/" + documentId).then().statusCode(200)
                        .extract().<String>path("metadataState"), state -> !"PENDING".equals(state)
                                && !"DEFERRED".equals(state));
        for (String who : users.keySet()) {
            sessions.put(who, WebSession.signIn(users.get(who), Vault.PASSWORD));
        }
    }

    private String fill(String template) {
        return template == null ? null : template.replace("{id}", documentId).replace("{username}", targetUser)
                .replace("{requestId}", "no-such-request").replace("{line}", "2").replace("{keyId}", "0".repeat(64)).replace("{format}", "json").replace("{unique}", UUID.randomUUID().toString().substring(0, 8));
    }

    /** Path parameters: the analyst's own document, a throwaway user, or an id that does not exist. */
    private String concretePath(Entry entry) {
        String path = entry.path();
        if (!aboutOneDocument(path)) {
            path = path.replace("{id}", "no-such-id");
        }
        return fill(path);
    }

    private Response basic(Entry entry, String who) {
        RequestSpecification request = ANONYMOUS.equals(who) ? given() : Vault.as(users.get(who));
        request.redirects().follow(false);
        if (entry.body() != null) {
            request.contentType("application/json").body(fill(entry.body()));
        }
        if (entry.key().equals(UPLOAD)) {
            request.multiPart("file", "matrix.txt", Samples.text(200));
        }
        String path = concretePath(entry) + (entry.query() == null ? "" : "?" + entry.query());
        return request.request(entry.method(), path);
    }

    private Response rawUpload(String who) {
        RequestSpecification request = ANONYMOUS.equals(who) ? given() : Vault.as(users.get(who));
        return request.redirects().follow(false).contentType("application/octet-stream")
                .queryParam("name", "matrix-raw.txt").body(Samples.text(200)).post("/api/documents");
    }

    private Response page(Entry entry, String who, boolean withToken) {
        WebSession session = ANONYMOUS.equals(who) ? null
                : entry.path().equals("/logout") ? WebSession.signIn(users.get(who), Vault.PASSWORD) : sessions.get(who);
        RequestSpecification request = session == null ? given().redirects().follow(false) : session.request();
        request.accept("text/html");
        if (!"GET".equals(entry.method())) {
            entry.form().forEach((k, v) -> request.formParam(k, fill(v)));
            if (withToken && session != null) {
                request.formParam("csrf", session.token());
            }
            if (entry.form().isEmpty() && !(withToken && session != null)) {
                request.formParam("nothing", "");
            }
        }
        return request.request(entry.method(), concretePath(entry));
    }

    private void check(Entry entry, String who, Response response) {
        int status = response.statusCode();
        String seen = entry.key() + " as " + who + " answered " + status + ": " + response.asString();
        if (OTHER_ANALYST.equals(who)) {
            assertEquals(404, status, seen);
            if (entry.section().equals("api")) {
                assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"), seen);
            }
        } else if (ANONYMOUS.equals(who) && entry.unauthenticated() == OPEN) {
            assertGotThrough(status, seen);
        } else if (ANONYMOUS.equals(who) && entry.unauthenticated() == REDIRECT_TO_SIGN_IN) {
            assertTrue(status == 302 || status == 303, seen);
            assertTrue(response.header("Location").contains("/login"), seen);
        } else if (ANONYMOUS.equals(who)) {
            assertEquals(entry.unauthenticated(), status, seen);
            if (status == 401 && entry.section().equals("api")) {
                assertTrue(String.valueOf(response.header("WWW-Authenticate")).startsWith("Basic"), seen);
            }
        } else if (entry.allowed().contains(who)) {
            assertTrue(entry.status().get(who).contains(status), () -> seen + "\n(the matrix documents "
                    + entry.status().get(who) + ")");
            if (entry.section().equals("api")) {
                assertTrue(documented.getOrDefault(entry.key(), Set.of()).contains(status),
                        () -> seen + "\n(the OpenAPI document lists " + documented.get(entry.key()) + ")");
            }
        } else {
            assertEquals(entry.denied(), status, seen);
            if (entry.section().equals("api")) {
                assertTrue(response.asString().contains("Your roles do not allow"), seen);
            }
        }
    }

    /** An open endpoint called without credentials: not refused, and no crash. */
    private static void assertGotThrough(int status, String seen) {
        assertNotEquals(401, status, seen);
        assertNotEquals(403, status, seen);
        assertNotEquals(500, status, seen);
    }

    private void awaitBackupRuns() {
        await("the backup run the matrix started ends").atMost(Duration.ofMinutes(3)).until(() -> !Vault
                .as(users.get("ops")).get("/api/backups/runs").then().statusCode(200).extract().<List<String>>path("state")
                .contains("running"));
    }
}
