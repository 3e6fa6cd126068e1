package dev.strongroom.statements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One statement: a document of the class {@code statement}, and where its processing stands (V24__statements.sql). */
@Entity
@Table(name = "statement")
public class Statement extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;
    @Column(updatable = false)
    public String owner;
    @Column(name = "file_name", updatable = false)
    public String fileName;
    @Column(name = "uploaded_at", updatable = false)
    public Instant uploadedAt;
    @Enumerated(EnumType.STRING)
    public StatementState state;
    @Enumerated(EnumType.STRING)
    public Lane lane;
    public String format;
    public String account;
    @Column(name = "period_from")
    public LocalDate periodFrom;
    @Column(name = "period_to")
    public LocalDate periodTo;
    public String currencies;
    @Column(name = "opening_balance")
    public BigDecimal openingBalance;
    @Column(name = "closing_balance")
    public BigDecimal closingBalance;
    @Column(name = "line_count")
    public int lineCount;
    @Column(name = "error_count")
    public int errorCount;
    public String reason;
    @Column(name = "duplicate_of")
    public String duplicateOf;
    @Column(name = "validated_at")
    public Instant validatedAt;
    @Column(name = "matched_at")
    public Instant matchedAt;
    @Column(name = "report_at")
    public Instant reportAt;
    @Column(name = "report_key")
    public String reportKey;
    @Column(name = "report_csv_sha256")
    public String reportCsvSha256;
    @Column(name = "report_pdf_sha256")
    public String reportPdfSha256;
    @Column(name = "notified_at")
    public Instant notifiedAt;
    @Column(name = "notification_id")
    public String notificationId;
}
