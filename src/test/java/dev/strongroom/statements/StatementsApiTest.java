package dev.strongroom.statements;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.TrailEvent;
import dev.strongroom.audit.AuditFilter;
import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.PostgresCatalogSession;
import dev.strongroom.support.StatementFiles;
import dev.strongroom.support.StatementFiles.Line;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements through the API, validated in the vault's own lane: uploaded as documents of the class
 * statement, loaded, matched to the owner's receipts, searched, decided on (written ahead), reported; invalid
 * and duplicate statements refused from loading with their reasons; bad parameters answered 400.
 */
@QuarkusTest
class StatementsApiTest {

    private static final String ACCOUNT = "DE89370400440532013000";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AuditService audit;
    @Inject
    Auditor auditor;
    @Inject
    MatchDecisions decisions;
    @Inject
    StatementWorker worker;

    private static JsonPath processed(String user, String id) {
        return StatementFiles.awaitStatement(user, id, "report.csv", WAIT);
    }

    @Test
    void aStatementIsLoadedMatchedDecidedAndReported() {
        String alice = Vault.user("alice", "analyst");
        String bob = Vault.user("bob", "analyst");
        String audrey = Vault.user("audrey", "auditor");
        String northwind = StatementFiles.receipt(alice, "Northwind Stationery Ltd", "2026-03-02", "15.12");
        String luna1 = StatementFiles.receipt(alice, "Cafe Luna", "2026-03-03", "3.50");
        String luna2 = StatementFiles.receipt(alice, "Cafe Luna", "2026-03-03", "3.50");
        String stray = StatementFiles.receipt(alice, "Grand Hotel Berlin", "2026-03-05", "410.00");
        String id = StatementFiles.upload(alice, "march.csv", StatementFiles.csv(ACCOUNT, "1000.00", List.of(
                new Line("2026-03-03", "NORTHWIND STATIONE BRISTOL", "-15.12", "EUR"),
                new Line("2026-03-03", "CAFE LUNA", "-3.50", "EUR"),
                new Line("2026-03-03", "CAFE LUNA", "-3.50", "EUR"),
                new Line("2026-03-05", "ACME HARDWARE", "-99.99", "EUR"),
                new Line("2026-03-06", "SALARY", "2500.00", "EUR"))), "statement");

        JsonPath s = processed(alice, id);
        assertEquals("RECONCILED", s.getString("state"));
        assertEquals("vault", s.getString("lane"));
        assertEquals(ACCOUNT, s.getString("account"));
        assertEquals("2026-03-03", s.getString("periodFrom"));
        assertEquals("2026-03-06", s.getString("periodTo"));
        assertEquals(5, s.getInt("lineCount"));
        assertEquals(Map.of("MATCHED", 1, "SUGGESTED", 2, "UNMATCHED", 2), s.getMap("matches"));

        JsonPath matched = Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("MATCHED", matched.getString("matchState"));
        assertEquals(northwind, matched.getString("receipts[0].id"));
        assertEquals("Northwind Stationery Ltd", matched.getString("receipts[0].vendor"));
        JsonPath offered = Vault.as(alice).get("/api/statements/" + id + "/lines/3").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("SUGGESTED", offered.getString("matchState"));
        assertEquals(2, offered.getList("options").size(), "both equal receipts are offered, neither forced");

        // Search by account, period, merchant, amount range and match state, with paging.
        Vault.as(alice).get("/api/statements/lines?merchant=luna&account=" + ACCOUNT).then().statusCode(200)
                .body("total", equalTo(2)).body("items.merchant", hasItem("CAFE LUNA"));
        Vault.as(alice).get("/api/statements/lines?statement=" + id + "&state=unmatched").then().statusCode(200)
                .body("total", equalTo(2));
        Vault.as(alice).get("/api/statements/lines?minAmount=-20&maxAmount=-10&from=2026-03-01&to=2026-03-31")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].line", equalTo(2));
        Vault.as(alice).get("/api/statements/lines?statement=" + id + "&size=2&page=2").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(5));
        for (String bad : List.of("page=-1", "size=0", "size=x", "page=9999999999", "state=LOST", "minAmount=ten",
                "from=03/01/2026")) {
            Vault.as(alice).get("/api/statements/lines?" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("type", containsString("invalid-parameter"));
        }
        Vault.as(alice).get("/api/statements/" + id + "/lines/first").then().statusCode(400)
                .contentType("application/problem+json");

        // Others' statements are not there for an analyst; an auditor reads them but decides nothing.
        Vault.as(bob).get("/api/statements/" + id).then().statusCode(404).contentType("application/problem+json");
        Vault.as(bob).get("/api/statements/lines?statement=" + id).then().statusCode(404);
        Vault.as(bob).get("/api/statements").then().statusCode(200).body("total", equalTo(0));
        Vault.as(audrey).get("/api/statements/" + id + "/lines/3").then().statusCode(200);
        Vault.as(audrey).contentType("application/json").body(Map.of("receipts", List.of(luna1)))
                .put("/api/statements/" + id + "/lines/3/match").then().statusCode(403);

        // The analyst confirms one equal receipt for each line; the same receipt cannot back both.
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(luna1)))
                .put("/api/statements/" + id + "/lines/3/match").then().statusCode(200)
                .body("matchState", equalTo("CONFIRMED")).body("receipts[0].decidedBy", equalTo(alice));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(luna1)))
                .put("/api/statements/" + id + "/lines/4/match").then().statusCode(409)
                .body("type", containsString("receipt-taken")).body("detail", containsString("line 3"));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(luna2)))
                .put("/api/statements/" + id + "/lines/4/match").then().statusCode(200);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of()))
                .put("/api/statements/" + id + "/lines/5/match").then().statusCode(400);
        Vault.as(alice).contentType("application/json").body("{}")
                .put("/api/statements/" + id + "/lines/5/match").then().statusCode(400);
        // Changing a match: the matcher's receipt for line 2 is replaced, then the line cleared.
        Vault.as(alice).delete("/api/statements/" + id + "/lines/2/match").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED"));
        TrailEvent intent = only(StatementAction.MATCH_INTENT.action(), id, "CLEAR");
        TrailEvent cleared = only(StatementAction.MATCH_CLEAR.action(), id, null);
        assertTrue(intent.seq() < cleared.seq(), "the intent is journaled before the completion");
        assertEquals("[\"" + northwind + "\"]", intent.detail().get("before"));
        assertEquals(Long.toString(intent.seq()), cleared.detail().get("intentSeq"));

        // The report: written again after the decisions, with the missing receipts and the stray receipt.
        await().atMost(WAIT).until(() -> {
            String csv = Vault.as(alice).get("/api/statements/" + id + "/report.csv").then().statusCode(200).extract()
                    .asString();
            return csv.contains("confirmed by the analyst") && csv.contains(luna2);
        });
        String csv = Vault.as(alice).get("/api/statements/" + id + "/report.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(csv.startsWith("section,line,date,merchant_or_vendor,amount,currency,state"), csv);
        assertTrue(csv.contains("line,5,2026-03-05,ACME HARDWARE,-99.99,EUR,UNMATCHED,,,,missing receipt"), csv);
        assertTrue(csv.contains("receipt-without-line,,2026-03-05,Grand Hotel Berlin,410.00,EUR,,," + stray), csv);
        byte[] pdf = Vault.as(audrey).get("/api/statements/" + id + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        Vault.as(alice).get("/api/statements/" + id + "/report.xml").then().statusCode(404);

        Vault.as(alice).post("/api/statements/" + id + "/rematch").then().statusCode(200)
                .body("matches.CONFIRMED", equalTo(2));
        Vault.as(bob).post("/api/statements/" + id + "/rematch").then().statusCode(404);

        // A second statement of the same account over an overlapping period is refused from loading.
        String again = StatementFiles.upload(alice, "march-again.csv", StatementFiles.csv(ACCOUNT, "0.00", List.of(
                new Line("2026-03-05", "ACME HARDWARE", "-1.00", "EUR"))), "statement");
        JsonPath duplicate = processed(alice, again);
        assertEquals("DUPLICATE", duplicate.getString("state"));
        assertEquals(id, duplicate.getString("duplicateOf"));
        assertTrue(duplicate.getString("reason").contains("already loaded from statement " + id), duplicate.prettify());
        Vault.as(alice).get("/api/statements/lines?statement=" + again).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anInvalidStatementIsKeptNamesEveryRefusedRowAndLoadsNothing() {
        String alice = Vault.user("alice", "analyst");
        byte[] csv = ("account,date,merchant,amount,currency\n"
                + "GB29NWBK60161331926819,2026-04-01,Coffee,-3.50,GBP\n"
                + "GB29NWBK60161331926819,2026-04-31,Tea,-2.00,GBP\n"
                + "GB29NWBK60161331926819,2026-04-02,Cake,-2.5x,GBP\n").getBytes(StandardCharsets.UTF_8);
        String id = StatementFiles.upload(alice, "april.csv", csv, "statement");
        JsonPath s = processed(alice, id);
        assertEquals("INVALID", s.getString("state"));
        assertEquals(2, s.getInt("errorCount"));
        assertEquals(List.of(3, 4), s.getList("errors.line"));
        assertEquals(List.of("date", "amount"), s.getList("errors.column"));
        assertTrue(s.getString("errors[0].reason").contains("'2026-04-31' is not a date"), s.prettify());
        assertTrue(s.getString("reason").contains("nothing of the file was loaded"), s.prettify());
        Vault.as(alice).get("/api/statements/lines?statement=" + id).then().statusCode(200).body("total", equalTo(0));
        // Kept as a record: the document is there and downloads as uploaded.
        Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200);
        String report = Vault.as(alice).get("/api/statements/" + id + "/report.csv").then().statusCode(200).extract()
                .asString();
        assertTrue(report.contains("error,3,,,,,,,,,date: '2026-04-31' is not a date"), report);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of("x")))
                .put("/api/statements/" + id + "/lines/2/match").then().statusCode(409)
                .body("type", containsString("statement-not-matched"));
    }

    @Test
    void aDecisionLeftWithoutCompletionIsFinishedAtTheNextStart() {
        String alice = Vault.user("alice", "analyst");
        String coffee = StatementFiles.receipt(alice, "Kaffeehaus Wien", "2026-05-02", "4.20");
        String id = StatementFiles.upload(alice, "may.csv", StatementFiles.csv("AT611904300234573201", "10.00", List.of(
                new Line("2026-05-02", "GARAGE SOMEWHERE", "-4.20", "EUR"))), "statement");
        processed(alice, id);
        // What a stop between the journal's intent and the catalog commit leaves behind.
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("line", 2);
        intent.put("decision", "CONFIRM");
        intent.put("before", "[]");
        intent.put("receipts", "[\"" + coffee + "\"]");
        AuditEvent written = auditor.record(StatementAction.MATCH_INTENT, "statement/" + id, Outcome.SUCCESS,
                intent);
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> StatementMatch.count("receiptId", coffee)));

        decisions.finishAtStart(null);

        Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("CONFIRMED")).body("receipts[0].id", equalTo(coffee));
        TrailEvent done = only(StatementAction.MATCH_CONFIRM.action(), id, null);
        assertEquals(Long.toString(written.seq()), done.detail().get("intentSeq"));
        assertEquals("true", done.detail().get("recovered"));
        decisions.finishAtStart(null);
        assertEquals(1, events(StatementAction.MATCH_CONFIRM.action(), id).size(), "finished once, not twice");
    }

    @Test
    void decisionsTheCatalogLostAreFollowedWhenTheStatementIsLoadedAgain() {
        String alice = Vault.user("alice", "analyst");
        String bistro = StatementFiles.receipt(alice, "Bistro Verde", "2026-06-02", "12.40");
        String tea1 = StatementFiles.receipt(alice, "Teehaus", "2026-06-03", "2.80");
        String tea2 = StatementFiles.receipt(alice, "Teehaus", "2026-06-03", "2.80");
        String id = StatementFiles.upload(alice, "june.csv", StatementFiles.csv("FR1420041010050500013M02606", "50.00",
                List.of(new Line("2026-06-02", "BISTRO VERDE LYON", "-12.40", "EUR"),
                        new Line("2026-06-03", "TEEHAUS", "-2.80", "EUR"),
                        new Line("2026-06-03", "TEEHAUS", "-2.80", "EUR"))), "statement");
        assertEquals(Map.of("MATCHED", 1, "SUGGESTED", 2), processed(alice, id).getMap("matches"));
        Vault.as(alice).delete("/api/statements/" + id + "/lines/2/match").then().statusCode(200);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(tea2)))
                .put("/api/statements/" + id + "/lines/3/match").then().statusCode(200);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(tea2)))
                .put("/api/statements/" + id + "/lines/4/match").then().statusCode(409);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(tea1)))
                .put("/api/statements/" + id + "/lines/4/match").then().statusCode(200);
        // Changed her mind on line 3 after all: the newest decision is the one that holds.
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(tea1, tea2)))
                .put("/api/statements/" + id + "/lines/3/match").then().statusCode(409);
        Vault.as(alice).delete("/api/statements/" + id + "/lines/4/match").then().statusCode(200);
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(tea1, tea2)))
                .put("/api/statements/" + id + "/lines/3/match").then().statusCode(200);
        String decidedAt = Vault.as(alice).get("/api/statements/" + id + "/lines/3").then().extract().jsonPath()
                .getString("receipts[0].decidedAt");

        // What a restore from S3 leaves (its catalog export has no statement rows): the worker loads it again.
        QuarkusTransaction.requiringNew().run(() -> forgetStatement(id));
        worker.wake();
        JsonPath again = processed(alice, id);

        assertEquals("RECONCILED", again.getString("state"));
        assertEquals(Map.of("CONFIRMED", 1, "UNMATCHED", 2), again.getMap("matches"), again.prettify());
        Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED")).body("receipts.size()", equalTo(0));
        JsonPath split = Vault.as(alice).get("/api/statements/" + id + "/lines/3").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("CONFIRMED", split.getString("matchState"));
        assertEquals(java.util.Set.of(tea1, tea2), java.util.Set.copyOf(split.getList("receipts.id")));
        assertEquals(List.of(alice, alice), split.getList("receipts.decidedBy"));
        assertEquals(decidedAt, split.getString("receipts[0].decidedAt"));
        Vault.as(alice).get("/api/statements/" + id + "/lines/4").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED"));
        List<TrailEvent> matchedRuns = events(StatementAction.MATCH.action(), id);
        assertEquals("3", matchedRuns.get(0).detail().get("fromJournal"), "newest first: " + matchedRuns);
    }

    @Test
    void aReceiptThePersonConfirmedGoesBackToHerLineFromTheMatchersChoiceElsewhere() {
        String alice = Vault.user("alice", "analyst");
        String atelier = StatementFiles.receipt(alice, "Atelier Nord", "2026-08-04", "7.70");
        String card = StatementFiles.upload(alice, "card-august.csv", StatementFiles.csv("NL91ABNA0417164300", "30.00",
                List.of(new Line("2026-08-04", "ATELIER NORD", "-7.70", "EUR"))), "statement");
        assertEquals(Map.of("MATCHED", 1), processed(alice, card).getMap("matches"));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(atelier)))
                .put("/api/statements/" + card + "/lines/2/match").then().statusCode(200);
        String bank = StatementFiles.upload(alice, "bank-august.csv", StatementFiles.csv("NL02ABNA0123456789", "30.00",
                List.of(new Line("2026-08-04", "ATELIER NORD", "-7.70", "EUR"))), "statement");
        assertEquals(Map.of("UNMATCHED", 1), processed(alice, bank).getMap("matches"), "the receipt backs the card's line");

        // The card statement's rows lost (a restore from S3), and the matcher gave the free receipt to the bank's line.
        QuarkusTransaction.requiringNew().run(() -> {
            forgetStatement(card);
            backLine(bank, 2, atelier, MatchState.MATCHED, 95, null);
        });
        worker.wake();
        JsonPath again = processed(alice, card);

        assertEquals(Map.of("CONFIRMED", 1), again.getMap("matches"), again.prettify());
        Vault.as(alice).get("/api/statements/" + card + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("CONFIRMED")).body("receipts[0].id", equalTo(atelier));
        Vault.as(alice).get("/api/statements/" + bank + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED")).body("receipts.size()", equalTo(0));
    }

    @Test
    void aDecisionForAReceiptDisposedOfSinceIsLeftOutWhenTheStatementIsLoadedAgain() {
        String alice = Vault.user("alice", "analyst");
        String adam = Vault.user("adam", "admin");
        String ada = Vault.user("ada", "admin");
        String kiosk = StatementFiles.receipt(alice, "Kiosk Ost", "2026-09-01", "3.30", "expired");
        String id = StatementFiles.upload(alice, "september.csv", StatementFiles.csv("DE89370400440532013000", "10.00",
                List.of(new Line("2026-09-01", "KIOSK OST", "-3.30", "EUR"))), "statement");
        assertEquals(Map.of("MATCHED", 1), processed(alice, id).getMap("matches"));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(kiosk)))
                .put("/api/statements/" + id + "/lines/2/match").then().statusCode(200);
        String request = Vault.as(adam).queryParam("reason", "retention ended").delete("/api/documents/" + kiosk)
                .then().statusCode(202).extract().path("id");
        Vault.as(ada).post("/api/disposals/" + request + "/approve").then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> forgetStatement(id));
        worker.wake();
        JsonPath again = processed(alice, id);

        assertEquals(Map.of("UNMATCHED", 1), again.getMap("matches"), again.prettify());
        Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED")).body("receipts.size()", equalTo(0));
        assertNull(events(StatementAction.MATCH.action(), id).get(0).detail().get("fromJournal"),
                "nothing followed the journal");
    }

    @Test
    void aReceiptConfirmedForAnotherLineByALaterDecisionStaysThere() {
        String alice = Vault.user("alice", "analyst");
        String garage = StatementFiles.receipt(alice, "Garage Sud", "2026-10-05", "41.00");
        String card = StatementFiles.upload(alice, "card-october.csv", StatementFiles.csv("FR7630006000011234567890189",
                "90.00", List.of(new Line("2026-10-05", "GARAGE SUD", "-41.00", "EUR"))), "statement");
        assertEquals(Map.of("MATCHED", 1), processed(alice, card).getMap("matches"));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(garage)))
                .put("/api/statements/" + card + "/lines/2/match").then().statusCode(200);
        String bank = StatementFiles.upload(alice, "bank-october.csv", StatementFiles.csv("FR7610107001011234567890129",
                "90.00", List.of(new Line("2026-10-05", "GARAGE SUD", "-41.00", "EUR"))), "statement");
        assertEquals(Map.of("UNMATCHED", 1), processed(alice, bank).getMap("matches"));

        // The card statement's rows lost, and meanwhile the receipt was confirmed for the bank's line (another
        // host's analyst, against the shared catalog): that decision is newer than the card's.
        QuarkusTransaction.requiringNew().run(() -> {
            forgetStatement(card);
            backLine(bank, 2, garage, MatchState.CONFIRMED, 100, alice);
        });
        worker.wake();
        JsonPath again = processed(alice, card);

        assertEquals(Map.of("UNMATCHED", 1), again.getMap("matches"), again.prettify());
        Vault.as(alice).get("/api/statements/" + card + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("UNMATCHED")).body("receipts.size()", equalTo(0));
        Vault.as(alice).get("/api/statements/" + bank + "/lines/2").then().statusCode(200)
                .body("matchState", equalTo("CONFIRMED")).body("receipts[0].id", equalTo(garage));
    }

    @Test
    void aCompletedDecisionTheCatalogLostIsPutBackAtTheNextStart() {
        String alice = Vault.user("alice", "analyst");
        String first = StatementFiles.receipt(alice, "Papeterie Rose", "2026-07-01", "6.10");
        String second = StatementFiles.receipt(alice, "Papeterie Rose", "2026-07-01", "6.10");
        String id = StatementFiles.upload(alice, "july.csv", StatementFiles.csv("BE68539007547034", "20.00", List.of(
                new Line("2026-07-01", "PAPETERIE ROSE", "-6.10", "EUR"))), "statement");
        assertEquals(Map.of("SUGGESTED", 1), processed(alice, id).getMap("matches"));
        Vault.as(alice).contentType("application/json").body(Map.of("receipts", List.of(second)))
                .put("/api/statements/" + id + "/lines/2/match").then().statusCode(200);
        // An embedded catalog at a full volume can lose its newest commits after the analyst was answered.
        QuarkusTransaction.requiringNew().run(() -> {
            StatementMatch.delete("documentId", id);
            StatementLine line = StatementLine.findById(StatementLine.idOf(id, 2));
            line.matchState = MatchState.SUGGESTED;
            line.matchScore = 80;
        });

        decisions.finishAtStart(null);

        JsonPath line = Vault.as(alice).get("/api/statements/" + id + "/lines/2").then().statusCode(200).extract()
                .jsonPath();
        if (PostgresCatalogSession.wanted()) {
            assertEquals("SUGGESTED", line.getString("matchState"),
                    "on a shared catalog, which does not lose commits, nothing is put back over another host's decision");
            return;
        }
        assertEquals("CONFIRMED", line.getString("matchState"));
        assertEquals(List.of(second), line.getList("receipts.id"));
        assertEquals(alice, line.getString("receipts[0].decidedBy"));
        TrailEvent recovered = only(DocumentAction.RECOVER.action(), id, null);
        assertEquals("2", recovered.detail().get("lines"));
        assertEquals(1, events(StatementAction.MATCH_CONFIRM.action(), id).size(), "the decision keeps its one completion");

        decisions.finishAtStart(null);
        only(DocumentAction.RECOVER.action(), id, null);
    }

    /** In the caller's transaction: the receipt backs the line as the matcher (decidedBy null) or a person left it. */
    private static void backLine(String statementId, int lineNo, String receiptId, MatchState state, int score,
            String decidedBy) {
        StatementMatch match = new StatementMatch();
        match.receiptId = receiptId;
        match.documentId = statementId;
        match.lineNo = lineNo;
        match.score = score;
        match.state = state;
        match.decidedBy = decidedBy;
        match.decidedAt = decidedBy == null ? null : Instant.now();
        match.persist();
        StatementLine line = StatementLine.findById(StatementLine.idOf(statementId, lineNo));
        line.matchState = state;
        line.matchScore = score;
    }

    /** In the caller's transaction: the statement's rows gone, as a restore from S3 leaves them; the document stays. */
    private static void forgetStatement(String id) {
        var em = StatementMatch.getEntityManager();
        for (String table : List.of("statement_candidate", "statement_match", "statement_error", "statement_line",
                "statement")) {
            em.createNativeQuery("delete from " + table + " where document_id = ?1").setParameter(1, id).executeUpdate();
        }
    }

    private List<TrailEvent> events(String action, String statementId) {
        return audit.query(new AuditFilter(null, null, null, action, null, null), 0, 500).items().stream()
                .filter(e -> ("statement/" + statementId).equals(e.resource())).toList();
    }

    private TrailEvent only(String action, String statementId, String decision) {
        List<TrailEvent> found = events(action, statementId).stream()
                .filter(e -> decision == null || decision.equals(e.detail().get("decision"))).toList();
        assertEquals(1, found.size(), action + " events of " + statementId + ": " + found);
        return found.get(0);
    }
}
