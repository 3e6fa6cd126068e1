package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;

/** A receipt backing a line (keyed by the receipt: it backs one line at most). */
@Entity
@Table(name = "statement_match")
public class StatementMatch extends PanacheEntityBase {

    @Id
    @Column(name = "receipt_id")
    public String receiptId;
    @Column(name = "document_id")
    public String documentId;
    @Column(name = "line_no")
    public int lineNo;
    public int score;
    @Enumerated(EnumType.STRING)
    public MatchState state;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;

    /**
     * Makes the receipts back the line by a person's decision (none: the line is cleared), replacing what backed it
     * and what was offered. The rows are removed one by one, not by a bulk delete: a receipt that stays (read by the
     * caller's checks) is then not still in the persistence context when its new row is stored.
     */
    static void decide(String documentId, int lineNo, Set<String> receipts, String by, Instant at) {
        StatementMatch.<StatementMatch>list("documentId = ?1 and lineNo = ?2", documentId, lineNo)
                .forEach(StatementMatch::delete);
        StatementCandidate.delete("documentId = ?1 and lineNo = ?2", documentId, lineNo);
        StatementMatch.flush();
        for (String receiptId : receipts) {
            StatementMatch m = new StatementMatch();
            m.receiptId = receiptId;
            m.documentId = documentId;
            m.lineNo = lineNo;
            m.score = 100;
            m.state = MatchState.CONFIRMED;
            m.decidedBy = by;
            m.decidedAt = at;
            m.persist();
        }
    }
}
