package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of a loaded statement; what the bank said never changes, its match state does. */
@Entity
@Table(name = "statement_line")
public class StatementLine extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "document_id", updatable = false)
    public String documentId;
    @Column(name = "line_no", updatable = false)
    public int lineNo;
    @Column(updatable = false)
    public String account;
    @Column(name = "booked_on", updatable = false)
    public LocalDate bookedOn;
    @Column(updatable = false)
    public String merchant;
    @Column(updatable = false)
    public BigDecimal amount;
    @Column(updatable = false)
    public String currency;
    @Column(updatable = false)
    public BigDecimal balance;
    @Column(updatable = false)
    public String reference;
    @Enumerated(EnumType.STRING)
    @Column(name = "match_state")
    public MatchState matchState;
    @Column(name = "match_score")
    public Integer matchScore;

    public static String idOf(String documentId, int lineNo) {
        return documentId + "/" + lineNo;
    }
}
