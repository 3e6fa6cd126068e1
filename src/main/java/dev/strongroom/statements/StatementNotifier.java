package dev.strongroom.statements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Tells the statements topic (SNS) that a statement has been processed: loaded and matched, refused as
 * invalid, or refused as a duplicate; with its counts and where its report is. Once per statement: the
 * message id is recorded, and a failed publish is tried again by the worker's next sweep (at least once;
 * the statement id in the message makes a repeat recognisable). The SDK retries throttling and 5xx itself.
 */
@ApplicationScoped
public class StatementNotifier {

    private static final Logger LOG = Logger.getLogger(StatementNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatementsConfig config;
    private final Instance<SnsClient> sns;
    private final Auditor auditor;

    public StatementNotifier(StatementsConfig config, Instance<SnsClient> sns, Auditor auditor) {
        this.config = config;
        this.sns = sns;
        this.auditor = auditor;
    }

    public boolean configured() {
        return config.topicArn().filter(t -> !t.isBlank()).isPresent();
    }

    private static Map<String, Object> message(Statement s) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "strongroom-statement-processed/1");
        message.put("statementId", s.documentId);
        message.put("fileName", s.fileName);
        message.put("owner", s.owner);
        message.put("state", s.state.name());
        message.put("account", s.account);
        message.put("periodFrom", s.periodFrom == null ? null : s.periodFrom.toString());
        message.put("periodTo", s.periodTo == null ? null : s.periodTo.toString());
        message.put("lines", s.lineCount);
        message.put("errors", s.errorCount);
        if (s.state == StatementState.RECONCILED) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (MatchState state : MatchState.values()) {
                counts.put(state.name().toLowerCase(java.util.Locale.ROOT), StatementLine.count(
                        "documentId = ?1 and matchState = ?2", s.documentId, state));
            }
            message.put("matches", counts);
        }
        message.put("reason", s.reason);
        message.put("report", s.reportKey);
        return message;
    }

    /** Publishes the statement's outcome; throws when SNS refuses or cannot be reached. */
    public void publish(String documentId) {
        String topic = config.topicArn().orElseThrow();
        Statement s = QuarkusTransaction.requiringNew().call(() -> Statement.<Statement>findById(documentId));
        Map<String, Object> message = QuarkusTransaction.requiringNew().call(() -> message(s));
        String body;
        try {
            body = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // SNS subjects are ASCII, at most 100 characters, and go into e-mail subject lines.
        String subject = ("Strongroom statement " + s.state.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + s.fileName).replaceAll("[^\\x20-\\x7E]", "?");
        String messageId = sns.get().publish(b -> b.topicArn(topic).subject(subject.length() > 100
                ? subject.substring(0, 100) : subject).message(body)).messageId();
        QuarkusTransaction.requiringNew().run(() -> {
            Statement row = Statement.findById(documentId);
            row.notifiedAt = Instant.now();
            row.notificationId = messageId;
        });
        auditor.record(StatementAction.NOTIFY, StatementLoader.resource(documentId), Outcome.SUCCESS,
                Map.of("topic", topic, "messageId", messageId, "state", s.state.name()));
        LOG.infof("Statement %s: %s notified on %s (message %s)", documentId, s.state, topic, messageId);
    }
}
