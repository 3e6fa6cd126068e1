package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hosts sharing one catalog each index their own journal, numbered from 1 (issue 19). Another host's
 * rows carry the same sequence numbers as this host's; they are written here through the entity, as
 * that host's own index would write them.
 */
@QuarkusTest
class AuditIndexPerHostTest {

    private static final String OTHER = "other-host-19";
    private static final String OTHER_ACTOR = "actor-on-" + OTHER;

    @Inject
    AuditIndex index;
    @Inject
    AuditJournal journal;
    @Inject
    AuditService audit;

    @AfterEach
    void removeTheOtherHostsRows() {
        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.delete("hostId in ?1",
                List.of(OTHER, IndexedEvent.BEFORE_HOSTS)));
    }

    @Test
    void anotherHostsRowsWithTheSameSeqsLeaveThisChainAloneAndJoinTheTrail() {
        String auditor = Vault.user("per-host", "auditor");
        Vault.as(auditor).get("/api/audit?size=1").then().statusCode(200);
        long mine = journal.head().seq();
        // The other host's chain overlaps ours and runs further: its newest seq is above this host's.
        long theirs = mine + 5;
        QuarkusTransaction.requiringNew().run(() -> {
            for (long seq = 1; seq <= theirs; seq++) {
                otherHostsRow(OTHER, seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq)).persist();
            }
        });

        AuditVerification verified = audit.verify(JournalVerifier.Scope.FULL);
        assertTrue(verified.ok(), "this host's chain and its index rows: " + verified.findings());
        assertTrue(verified.indexRowsChecked() >= mine, "rows checked: " + verified.indexRowsChecked());
        assertTrue(verified.indexRowsChecked() <= journal.head().seq(), "only this host's rows are checked");

        // A crash lost this host's newest row and one below it; the catch-up at the next start finds both,
        // though the other host's rows go higher and fill those numbers.
        String newest = line(index.host(), mine);
        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.delete("hostId = ?1 and seq in ?2", index.host(),
                List.of(mine, mine - 1)));
        assertTrue(index.catchUp(journal.segments()) >= 2);
        assertEquals(newest, line(index.host(), mine));
        assertNotNull(line(index.host(), mine - 1));
        assertEquals(theirs, (long) QuarkusTransaction.requiringNew().call(() -> IndexedEvent.count("hostId", OTHER)),
                "the other host's rows are untouched");
        assertTrue(audit.verify(JournalVerifier.Scope.FULL).ok());

        // The auditor's trail: both hosts, each event with its host.
        JsonPath theirEvents = Vault.as(auditor).get("/api/audit?actor=" + OTHER_ACTOR + "&size=1000").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(theirs, theirEvents.getLong("total"));
        assertEquals(Set.of(OTHER), new HashSet<>(theirEvents.getList("items.host", String.class)));
        JsonPath ours = Vault.as(auditor).get("/api/audit?actor=" + auditor + "&size=1000").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(ours.getLong("total") > 0);
        assertEquals(Set.of(index.host()), new HashSet<>(ours.getList("items.host", String.class)));
    }

    @Test
    void pagesOfTheTrailNeitherRepeatNorSkipAnEventAcrossHosts() {
        String auditor = Vault.user("per-host-pages", "auditor");
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        // Every other-host event at one time: only host and seq order them.
        QuarkusTransaction.requiringNew().run(() -> {
            for (long seq = 1; seq <= 23; seq++) {
                otherHostsRow(OTHER, seq, at).persist();
                otherHostsRow(IndexedEvent.BEFORE_HOSTS, seq, at).persist();
            }
        });
        List<String> seen = new ArrayList<>();
        long total = -1;
        for (int page = 0; page < 10; page++) {
            JsonPath body = Vault.as(auditor).get("/api/audit?actor=" + OTHER_ACTOR + "&size=5&page=" + page).then()
                    .statusCode(200).extract().jsonPath();
            total = body.getLong("total");
            List<Map<String, Object>> items = body.getList("items");
            items.forEach(e -> seen.add(e.get("host") + "/" + e.get("seq")));
        }
        assertEquals(46, total);
        assertEquals(46, seen.size(), "pages: " + seen);
        assertEquals(46, new HashSet<>(seen).size(), "no event twice: " + seen);
        assertEquals(OTHER + "/23", seen.get(0), "newest first: host, then seq, at one time");
        assertTrue(seen.contains("null/1"), "rows from before hosts no host adopted show without a host");
    }

    @Test
    void theHostWhoseJournalHoldsRowsFromBeforeHostsAdoptsThemAndNoOtherDoes() {
        Vault.user("per-host-adopt", "analyst");
        long seq = journal.head().seq() - 1;
        String held = line(index.host(), seq);
        // As V30 leaves a row of the single host's index: under the marker instead of a host.
        QuarkusTransaction.requiringNew().run(() -> {
            IndexedEvent row = IndexedEvent.findById(new IndexedEvent.Key(index.host(), seq));
            IndexedEvent legacy = IndexedEvent.of(IndexedEvent.BEFORE_HOSTS, parse(row.line), row.line);
            row.delete();
            legacy.persist();
        });
        assertEquals(1, index.adoptRowsFromBeforeHosts(journal.segments()));
        assertEquals(held, line(index.host(), seq));
        assertEquals(0, (long) QuarkusTransaction.requiringNew().call(() -> IndexedEvent.count("hostId",
                IndexedEvent.BEFORE_HOSTS)));

        // A row this host's journal does not hold stays where it is, for its own host.
        QuarkusTransaction.requiringNew().run(() -> otherHostsRow(IndexedEvent.BEFORE_HOSTS, 1, Instant.now()).persist());
        assertEquals(0, index.adoptRowsFromBeforeHosts(journal.segments()));
        assertEquals(1, (long) QuarkusTransaction.requiringNew().call(() -> IndexedEvent.count("hostId",
                IndexedEvent.BEFORE_HOSTS)));
        assertTrue(audit.verify(JournalVerifier.Scope.FULL).ok());
    }

    private static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(String host, long seq) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IndexedEvent row = IndexedEvent.findById(new IndexedEvent.Key(host, seq));
            return row == null ? null : row.line;
        });
    }

    /** A row as another host's index writes it: an event of its own journal, with its own hashes. */
    private static IndexedEvent otherHostsRow(String host, long seq, Instant time) {
        AuditEvent event = new AuditEvent(seq, UUID.randomUUID().toString(), time.toString(), OTHER_ACTOR, "admin",
                "document.read", "document/" + UUID.randomUUID(), "success", "10.0.0.19", "req-" + seq,
                new TreeMap<>(Map.of("host", host)), "a".repeat(64), "b".repeat(64));
        try {
            return IndexedEvent.of(host, event, EventLine.JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
