package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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
}
