package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One receipt of one option offered for a line (an option of a split has several). */
@Entity
@Table(name = "statement_candidate")
public class StatementCandidate extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "document_id")
    public String documentId;
    @Column(name = "line_no")
    public int lineNo;
    @Column(name = "option_no")
    public int optionNo;
    @Column(name = "receipt_id")
    public String receiptId;
    public int score;
}
