package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row an invalid statement was refused for. */
@Entity
@Table(name = "statement_error")
public class StatementError extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "document_id")
    public String documentId;
    public int seq;
    @Column(name = "line_no")
    public int lineNo;
    @Column(name = "column_name")
    public String columnName;
    public String reason;
}
