package dev.strongroom.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the packaged vault with SIGKILL at a random moment while clients toggle legal holds, approve
 * disposals (some racing a hold on the same document) and change users and roles, six times over one
 * data directory. After every restart: the trail (read from its export) and the catalog agree on
 * every document and user, no intent is left without its completion, no blob is left for a disposed
 * document and none is missing for a live one, and every change a client was answered for is there.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class StateChangeCrashIT {

    private static final int ROUNDS = 6;
    private static final int HOLD_TOGGLERS = 4;
    private static final int HOLD_DOCUMENTS_EACH = 4;
    private static final int DISPOSALS_PER_ROUND = 8;
    private static final int USER_CHANGERS = 2;
    private static final int MIN_ANSWERED_BEFORE_KILL = 4;
    private static final int MAX_ANSWERED_BEFORE_KILL = 24;
    private static final int MAX_KILL_DELAY_MS = 600;

    private static final User ANALYST = new User("wal-analyst", "analyst-password-for-wal");
    private static final User AUDITOR = new User("wal-auditor", "auditor-password-for-wal");
    private static final User REQUESTER = new User("wal-requester", "requester-password-for-wal");
    private static final User APPROVER = new User("wal-approver", "approver-password-for-wal");

    private Path data;
    private Path policy;
    private final List<String> holdDocuments = new ArrayList<>();
    /** What each key may be found as: the last answered value, and a value sent without an answer. */
    private final Expectations<String, Boolean> holds = new Expectations<>();
    private final Expectations<String, Boolean> disposals = new Expectations<>();
    private final Expectations<String, String> users = new Expectations<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final List<Round> rounds = new ArrayList<>();

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void trailAndCatalogAgreeAfterEveryKill() throws Exception {
        Path work = ScratchDirectory.fresh("state-crash");
        data = work.resolve("data");
        policy = work.resolve("retention.yaml");
        Files.writeString(policy, "default: receipt\nclasses:\n  receipt:\n    keep: P7Y\n  expired:\n    keep: P0D\n",
                StandardCharsets.UTF_8);
        long seed = Long.getLong("strongroom.crash.seed", System.nanoTime());
        System.out.println("StateChangeCrashIT seed " + seed + " (replay with -Dstrongroom.crash.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 1; round <= ROUNDS; round++) {
            try (VaultProcess vault = start("round-" + round)) {
                VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
                if (round == 1) {
                    setUp(client);
                } else {
                    assertAgreement(client, "after kill " + (round - 1));
                }
                rounds.add(changeUntilKilled(vault, client, round, random.split()));
                System.out.println("StateChangeCrashIT " + rounds.get(rounds.size() - 1));
            }
        }
        try (VaultProcess vault = start("after-last-kill")) {
            assertAgreement(new VaultClient(vault, Duration.ofSeconds(60)), "after kill " + ROUNDS);
        }
        System.out.printf("StateChangeCrashIT total: %d rounds, %d changes answered, %d without an answer at kills%n",
                rounds.size(), rounds.stream().mapToInt(Round::answered).sum(),
                rounds.stream().mapToInt(Round::inFlight).sum());
        assertEquals(List.of(), unexpected, "every change was valid: a 2xx, a 409 from a race, or no answer at a kill");
        assertTrue(rounds.stream().allMatch(r -> r.answered() > 0), "every round made changes: " + rounds);
        assertTrue(rounds.stream().anyMatch(r -> r.inFlight() > 0), "no change was cut off by a kill: " + rounds);
    }

    private VaultProcess start(String name) {
        return VaultProcess.start(data, data.getParent().resolve("vault-" + name + ".log"), List.of(),
                Map.of("STRONGROOM_RETENTION_POLICY_FILE", policy.toAbsolutePath().toString()));
    }

    private void setUp(VaultClient client) throws IOException, InterruptedException {
        client.createUser(ANALYST, "analyst");
        client.createUser(AUDITOR, "auditor");
        client.createUser(REQUESTER, "admin");
        client.createUser(APPROVER, "admin");
        for (User user : List.of(ANALYST, AUDITOR, REQUESTER, APPROVER)) {
            users.answered(user.name(), user == ANALYST ? "analyst|false|" : user == AUDITOR ? "auditor|false|"
                    : "admin|false|");
        }
        users.answered("admin", "admin|false|");
        for (int i = 0; i < HOLD_TOGGLERS * HOLD_DOCUMENTS_EACH; i++) {
            String id = upload(client, "held-" + i + ".txt", ("hold me " + i + "\n").repeat(40), "receipt");
            holdDocuments.add(id);
            holds.answered(id, false);
        }
    }

    private static String upload(VaultClient client, String name, String text, String retentionClass)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.upload(ANALYST, name, text.getBytes(StandardCharsets.US_ASCII),
                retentionClass);
        VaultClient.expect(201, response);
        return VaultClient.json(response).get("id").asText();
    }

    /**
     * Uploads the round's documents past retention (half of them with a twin of the same bytes that
     * stays, so their blob must survive the disposal) and requests their disposal; then runs the
     * clients and kills the vault after a random delay.
     */
    private Round changeUntilKilled(VaultProcess vault, VaultClient client, int round, SplittableRandom random)
            throws IOException, InterruptedException {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < DISPOSALS_PER_ROUND; i++) {
            String text = ("round " + round + " disposal " + i + " " + random.nextLong() + "\n").repeat(30);
            String id = upload(client, "dispose-" + round + "-" + i + ".txt", text, "expired");
            if (i % 2 == 0) {
                upload(client, "twin-" + round + "-" + i + ".txt", text, "receipt");
            }
            HttpResponse<String> requested = client.call(REQUESTER, "DELETE",
                    "/api/documents/" + id + "?reason=round%20" + round, null);
            VaultClient.expect(202, requested);
            requests.add(new String[] { id, VaultClient.json(requested).get("id").asText() });
            disposals.answered(id, false);
            holds.answered(id, false);
        }
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        Clients clients = new Clients(client, killed, answered, inFlight, round);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < HOLD_TOGGLERS; t++) {
            List<String> mine = holdDocuments.subList(t * HOLD_DOCUMENTS_EACH, (t + 1) * HOLD_DOCUMENTS_EACH);
            threads.add(new Thread(() -> clients.toggleHolds(mine), "holds-" + round + "-" + t));
        }
        threads.add(new Thread(() -> clients.approve(requests), "approvals-" + round));
        threads.add(new Thread(() -> clients.holdAgainstApprovals(requests), "conflicting-holds-" + round));
        for (int t = 0; t < USER_CHANGERS; t++) {
            String prefix = "wal-u" + round + "-" + t + "-";
            threads.add(new Thread(() -> clients.changeUsers(prefix), "users-" + round + "-" + t));
        }
        threads.forEach(Thread::start);
        // The kill comes a random while after a random number of answered changes, so that every round
        // makes changes however slow a loaded machine answers, and the kill still meets them at any step.
        int answeredFirst = random.nextInt(MIN_ANSWERED_BEFORE_KILL, MAX_ANSWERED_BEFORE_KILL + 1);
        await().atMost(Duration.ofMinutes(3)).until(() -> answered.get() >= answeredFirst || !unexpected.isEmpty());
        int killAfterMs = random.nextInt(0, MAX_KILL_DELAY_MS + 1);
        await().pollDelay(Duration.ofMillis(killAfterMs)).atMost(Duration.ofMillis(killAfterMs + 1000L))
                .until(() -> true);
        killed.set(true);
        vault.kill();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(90).toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " still hangs after the kill");
        }
        return new Round(round, killAfterMs, answered.get(), inFlight.get());
    }

    /** The clients of one round; each key (document, user) is changed by one thread only, in order. */
    private final class Clients {
        private final VaultClient client;
        private final AtomicBoolean killed;
        private final AtomicInteger answered;
        private final AtomicInteger inFlight;
        private final int round;

        Clients(VaultClient client, AtomicBoolean killed, AtomicInteger answered, AtomicInteger inFlight, int round) {
            this.client = client;
            this.killed = killed;
            this.answered = answered;
            this.inFlight = inFlight;
            this.round = round;
        }

        void toggleHolds(List<String> documents) {
            for (int n = 0; !killed.get(); n++) {
                String id = documents.get(n % documents.size());
                boolean hold = !holds.acked(id);
                if (!change(holds, id, hold, AUDITOR, "PUT", "/api/documents/" + id + "/legal-hold",
                        Map.of("hold", hold, "reason", "round " + round), Set.of(200))) {
                    return;
                }
            }
        }

        void approve(List<String[]> requests) {
            for (String[] request : requests) {
                Integer status = send(disposals, request[0], true, APPROVER, "POST",
                        "/api/disposals/" + request[1] + "/approve", null, Set.of(200, 409));
                if (status == null) {
                    return;
                }
            }
        }

        /** A hold on every other document up for disposal, racing its approval: one of the two gets a 409. */
        void holdAgainstApprovals(List<String[]> requests) {
            for (int i = 1; i < requests.size(); i += 2) {
                String id = requests.get(i)[0];
                Integer status = send(holds, id, true, AUDITOR, "PUT", "/api/documents/" + id + "/legal-hold",
                        Map.of("hold", true, "reason", "racing the approval"), Set.of(200, 409));
                if (status == null) {
                    return;
                }
            }
        }

        /** Creates users and takes each through roles, disable, enable, a password reset and a granted admin role. */
        void changeUsers(String prefix) {
            for (int n = 0; !killed.get(); n++) {
                String name = prefix + n;
                String path = "/api/admin/users/" + name;
                boolean done = change(users, name, "analyst|false|", REQUESTER, "POST", "/api/admin/users",
                        Map.of("username", name, "password", "password-of-" + name, "roles", List.of("analyst")),
                        Set.of(201))
                        && change(users, name, "analyst,auditor|false|", REQUESTER, "PUT", path + "/roles",
                                Map.of("roles", List.of("analyst", "auditor")), Set.of(200))
                        && change(users, name, "analyst,auditor|true|", REQUESTER, "POST", path + "/disable", null,
                                Set.of(200))
                        && change(users, name, "analyst,auditor|false|", REQUESTER, "POST", path + "/enable", null,
                                Set.of(200))
                        && change(users, name, "analyst,auditor|false|", REQUESTER, "PUT", path + "/password",
                                Map.of("password", "new-password-of-" + name), Set.of(204))
                        && grantAdmin(name, path);
                if (!done) {
                    return;
                }
            }
        }

        private boolean grantAdmin(String name, String path) {
            String[] requestId = new String[1];
            Integer status = send(users, name, "analyst,auditor|false|admin", REQUESTER, "PUT", path + "/roles",
                    Map.of("roles", List.of("admin")), Set.of(202), body -> requestId[0] = body.get("id").asText());
            return status != null && change(users, name, "admin|false|", APPROVER, "POST",
                    "/api/admin/role-changes/" + requestId[0] + "/approve", null, Set.of(200));
        }

        private <V> boolean change(Expectations<String, V> expectations, String key, V value, User user, String method,
                String path, Object body, Set<Integer> expected) {
            return send(expectations, key, value, user, method, path, body, expected) != null;
        }

        private <V> Integer send(Expectations<String, V> expectations, String key, V value, User user, String method,
                String path, Object body, Set<Integer> expected) {
            return send(expectations, key, value, user, method, path, body, expected, json -> {
            });
        }

        /**
         * Sends one change and records what the vault may now hold for {@code key}: {@code value} once
         * answered 2xx, unchanged on a 409, either when no answer came. Returns the status, or null
         * when no answer came (the vault was killed).
         */
        private <V> Integer send(Expectations<String, V> expectations, String key, V value, User user, String method,
                String path, Object body, Set<Integer> expected, java.util.function.Consumer<JsonNode> onSuccess) {
            if (killed.get()) {
                return null;
            }
            expectations.sent(key, value);
            HttpResponse<String> response;
            try {
                response = client.call(user, method, path, body);
            } catch (IOException e) {
                if (!killed.get()) {
                    unexpected.add("round " + round + ": " + method + " " + path + " broke before the kill: " + e);
                }
                inFlight.incrementAndGet();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            int status = response.statusCode();
            if (!expected.contains(status)) {
                unexpected.add("round " + round + ": " + method + " " + path + " answered " + status + " "
                        + response.body());
                expectations.unanswered(key);
                return status;
            }
            answered.incrementAndGet();
            if (status < 300) {
                expectations.answered(key, value);
                if (!response.body().isEmpty()) {
                    onSuccess.accept(VaultClient.json(response));
                }
            } else {
                expectations.unanswered(key);
            }
            return status;
        }
    }

    /**
     * After a restart: the trail's success completions, read in order, describe exactly the catalog;
     * no intent is left open; blobs match the catalog; every answered change is there.
     */
    private void assertAgreement(VaultClient client, String when) {
        List<String> findings = new ArrayList<>();
        Trail trail = Trail.of(client.auditTrail(AUDITOR));
        trail.openIntents.forEach((id, event) -> findings.add("intent " + event.get("seq") + " ("
                + event.get("action").asText() + " on " + event.get("resource").asText() + ") has no completion"));

        Map<String, JsonNode> documents = new HashMap<>();
        client.allDocuments(AUDITOR).forEach(d -> documents.put(d.get("id").asText(), d));
        Map<String, JsonNode> tombstones = new HashMap<>();
        client.getJson(AUDITOR, "/api/tombstones").forEach(t -> tombstones.put(t.get("documentId").asText(), t));
        Set<String> pendingDisposals = new TreeSet<>();
        client.getJson(AUDITOR, "/api/disposals").forEach(r -> pendingDisposals.add(r.get("id").asText()));
        Map<String, String> catalogUsers = new HashMap<>();
        client.getJson(VaultClient.ADMIN, "/api/admin/users").forEach(u -> catalogUsers.put(u.get("username").asText(),
                String.join(",", new TreeSet<>(strings(u.get("roles")))) + "|" + u.get("disabled").asBoolean() + "|"));
        client.getJson(VaultClient.ADMIN, "/api/admin/role-changes").forEach(r -> catalogUsers.computeIfPresent(
                r.get("username").asText(), (k, v) -> v + String.join(",", new TreeSet<>(strings(r.get("roles"))))));

        for (JsonNode document : documents.values()) {
            String id = document.get("id").asText();
            boolean held = document.get("legalHold").asBoolean();
            if (held != trail.held.getOrDefault(id, false)) {
                findings.add("document " + id + ": catalog legalHold=" + held + ", trail says " + trail.held.get(id));
            }
            if (trail.disposed.contains(id)) {
                findings.add("document " + id + " is in the catalog but the trail says it was disposed of");
            }
            if (!Files.isRegularFile(blob(document.get("sha256").asText()))) {
                findings.add("live document " + id + " has no blob " + document.get("sha256").asText());
            }
        }
        if (!trail.disposed.equals(tombstones.keySet())) {
            findings.add("trail disposals " + difference(trail.disposed, tombstones.keySet()) + " vs tombstones "
                    + difference(tombstones.keySet(), trail.disposed));
        }
        Set<String> liveBlobs = documents.values().stream().map(d -> d.get("sha256").asText()).collect(Collectors.toSet());
        tombstones.values().forEach(t -> {
            String sha256 = t.get("sha256").asText();
            if (!liveBlobs.contains(sha256) && Files.exists(blob(sha256))) {
                findings.add("disposed document " + t.get("documentId").asText() + " left its blob " + sha256);
            }
        });
        if (!trail.pendingDisposals.keySet().equals(pendingDisposals)) {
            findings.add("pending disposals: trail " + trail.pendingDisposals.keySet() + ", catalog " + pendingDisposals);
        }
        if (!trail.users.equals(catalogUsers)) {
            Set<String> names = new TreeSet<>(trail.users.keySet());
            names.addAll(catalogUsers.keySet());
            names.stream().filter(n -> !String.valueOf(trail.users.get(n)).equals(String.valueOf(catalogUsers.get(n))))
                    .forEach(n -> findings.add("user " + n + ": trail " + trail.users.get(n) + ", catalog "
                            + catalogUsers.get(n)));
        }

        for (String id : tombstones.keySet()) {
            if (holds.answeredAs(id, true)) {
                findings.add("document " + id + " was put on hold (answered 200) and was disposed of");
            }
        }
        holds.forget(tombstones.keySet());
        holds.check("legal hold", id -> documents.containsKey(id) ? documents.get(id).get("legalHold").asBoolean()
                : null, findings);
        disposals.check("disposal", id -> tombstones.containsKey(id) ? Boolean.TRUE
                : documents.containsKey(id) ? Boolean.FALSE : null, findings);
        users.check("user", catalogUsers::get, findings);

        JsonNode verify = client.getJson(AUDITOR, "/api/audit/verify");
        if (!verify.path("ok").asBoolean()) {
            findings.add("audit verification failed: " + verify);
        }
        System.out.printf("StateChangeCrashIT check %s: %d events, %d replayed (%s), %d documents, %d tombstones, "
                + "%d users, %d findings%n", when, trail.events, trail.replayed, trail.lastReplay, documents.size(),
                tombstones.size(), catalogUsers.size(), findings.size());
        assertEquals(List.of(), findings, when);
    }

    private Path blob(String sha256) {
        return data.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The state the trail's success completions describe, in journal order. */
    private static final class Trail {
        final Map<String, Boolean> held = new HashMap<>();
        final Set<String> disposed = new HashSet<>();
        final Map<String, String> pendingDisposals = new LinkedHashMap<>();
        final Map<String, String> users = new HashMap<>();
        final Map<String, String> pendingRoles = new HashMap<>();
        final Map<String, JsonNode> openIntents = new LinkedHashMap<>();
        int events;
        int replayed;
        String lastReplay;

        static Trail of(List<JsonNode> events) {
            Trail trail = new Trail();
            Map<String, JsonNode> intents = new HashMap<>();
            for (JsonNode event : events) {
                trail.events++;
                String outcome = event.get("outcome").asText();
                JsonNode detail = event.path("detail");
                if ("change.replay".equals(event.get("action").asText())) {
                    trail.lastReplay = detail.toString();
                }
                if ("intent".equals(outcome)) {
                    intents.put(event.get("id").asText(), event);
                    trail.openIntents.put(event.get("id").asText(), event);
                    continue;
                }
                if (!detail.has("intent")) {
                    continue;
                }
                trail.openIntents.remove(detail.get("intent").asText());
                JsonNode intent = intents.get(detail.get("intent").asText());
                trail.replayed += detail.has("replayed") ? 1 : 0;
                if ("success".equals(outcome) && intent != null) {
                    trail.apply(event.get("action").asText(), event.get("resource").asText(), intent.path("detail"));
                }
            }
            trail.pendingRoles.forEach((user, roles) -> trail.users.computeIfPresent(user, (k, v) -> v + roles));
            return trail;
        }

        private void apply(String action, String resource, JsonNode facts) {
            String subject = resource.substring(resource.indexOf('/') + 1);
            switch (action) {
                case "document.legal-hold.set" -> held.put(subject, true);
                case "document.legal-hold.clear" -> held.put(subject, false);
                case "document.dispose.request" -> pendingDisposals.put(facts.get("requestId").asText(), subject);
                case "document.dispose.approve" -> {
                    disposed.add(subject);
                    held.remove(subject);
                    pendingDisposals.remove(facts.get("requestId").asText());
                }
                case "document.dispose.reject", "document.dispose.withdraw" ->
                    pendingDisposals.remove(facts.get("requestId").asText());
                case "user.create" -> users.put(subject, facts.get("roles").asText() + "|false|");
                case "user.disable" -> users.computeIfPresent(subject, (k, v) -> withDisabled(v, true));
                case "user.enable" -> users.computeIfPresent(subject, (k, v) -> withDisabled(v, false));
                case "user.roles.change" -> users.computeIfPresent(subject, (k, v) -> withRoles(v, facts));
                case "user.roles.request" -> pendingRoles.put(subject, facts.get("roles").asText());
                case "user.roles.approve" -> {
                    users.computeIfPresent(subject, (k, v) -> withRoles(v, facts));
                    pendingRoles.remove(subject);
                }
                case "user.roles.reject", "user.roles.withdraw" -> pendingRoles.remove(subject);
                default -> {
                    // user.password.reset changes nothing the catalog shows
                }
            }
        }

        private static String withDisabled(String state, boolean disabled) {
            return state.substring(0, state.indexOf('|')) + "|" + disabled + "|";
        }

        private static String withRoles(String state, JsonNode facts) {
            return facts.get("roles").asText() + state.substring(state.indexOf('|'));
        }
    }

    /**
     * Per key, what the vault may hold: the value of the last change answered 2xx, and the value of a
     * change sent but not answered (the kill came first), which may or may not have taken effect.
     */
    private static final class Expectations<K, V> {
        private final Map<K, V> acked = new ConcurrentHashMap<>();
        private final Map<K, V> pending = new ConcurrentHashMap<>();

        void sent(K key, V value) {
            pending.put(key, value);
        }

        void answered(K key, V value) {
            acked.put(key, value);
            pending.remove(key);
        }

        void unanswered(K key) {
            pending.remove(key);
        }

        boolean acked(K key) {
            return Boolean.TRUE.equals(acked.get(key));
        }

        /** Answered as {@code value}, with nothing sent since that may have changed it. */
        boolean answeredAs(K key, V value) {
            return value.equals(acked.get(key)) && !pending.containsKey(key);
        }

        void forget(Set<K> keys) {
            keys.forEach(k -> {
                acked.remove(k);
                pending.remove(k);
            });
        }

        void check(String what, java.util.function.Function<K, V> found, List<String> findings) {
            Set<K> keys = new HashSet<>(acked.keySet());
            keys.addAll(pending.keySet());
            for (K key : keys) {
                V now = found.apply(key);
                V answered = acked.get(key);
                V maybe = pending.get(key);
                if (!java.util.Objects.equals(now, answered) && (maybe == null || !maybe.equals(now))) {
                    findings.add(what + " of " + key + ": answered " + answered
                            + (maybe == null ? "" : " (then " + maybe + " without an answer)") + ", but found " + now);
                }
            }
            // What a restart found becomes what the next round builds on.
            for (K key : keys) {
                V now = found.apply(key);
                if (now != null && pending.containsKey(key)) {
                    acked.put(key, now);
                }
                pending.remove(key);
            }
        }
    }

    /** One start-change-kill cycle: changes answered, and changes sent that got no answer. */
    private record Round(int round, int killAfterMs, int answered, int inFlight) {
    }
}
