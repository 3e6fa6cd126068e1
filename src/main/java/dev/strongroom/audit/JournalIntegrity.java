package dev.strongroom.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * What is known to be wrong with the audit trail right now, and whether the vault may write. The
 * journal, the start-up verification, the digest writer and the verifications report findings here;
 * the {@link WriteGate} asks it before every change of state; health shows it (audit-journal).
 * <p>
 * A {@link IntegrityFinding.Consequence#READ_ONLY} finding stands until the journal verifies against
 * every anchor again (a re-check after a recovery, or the next start): only then is it cleared.
 */
@ApplicationScoped
public class JournalIntegrity {

    private static final Logger LOG = Logger.getLogger(JournalIntegrity.class);

    private final List<IntegrityFinding> findings = new ArrayList<>();
    private volatile boolean readOnly;
    private volatile Instant checkedAt;
    private volatile String checkedRange;

    public JournalIntegrity(MeterRegistry registry) {
        Gauge.builder("strongroom.audit.journal.read.only", this, i -> i.readOnly ? 1 : 0)
                .description("1 while the audit journal refuses writes after an integrity finding").register(registry);
        Gauge.builder("strongroom.audit.integrity.findings", this, i -> i.findings().size())
                .description("Audit trail integrity findings standing now").register(registry);
    }

    /** True unless a finding that forbids writing stands. */
    public boolean writable() {
        return !readOnly;
    }

    public synchronized List<IntegrityFinding> findings() {
        return List.copyOf(findings);
    }

    /** The findings that make the vault read-only, oldest first. */
    public synchronized List<IntegrityFinding> readOnlyFindings() {
        return findings.stream().filter(IntegrityFinding::readOnly).toList();
    }

    /** Records a finding (once: the same kind, seq and message is not repeated) and logs it loudly. */
    public void report(IntegrityFinding.Kind kind, long seq, String message) {
        IntegrityFinding finding = new IntegrityFinding(kind, seq, message, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        synchronized (this) {
            boolean known = findings.stream().anyMatch(f -> f.kind() == kind && f.seq() == seq
                    && f.message().equals(message));
            if (known) {
                return;
            }
            findings.add(finding);
            readOnly |= finding.readOnly();
        }
        if (finding.readOnly()) {
            LOG.errorf("AUDIT JOURNAL READ-ONLY: %s. Writes are refused until it is recovered "
                    + "(docs/audit-recovery.md); downloads and audit reads go on.", finding.describe());
        } else {
            // Loud through health and the metric; whoever found it (a verification, the digest writer)
            // says more in its own log line.
            LOG.warnf("Audit trail integrity: %s", finding.describe());
        }
    }

    /** Drops the findings of the given kinds: a fresh check found none of them. */
    public void clear(Predicate<IntegrityFinding> resolved) {
        List<IntegrityFinding> cleared = new ArrayList<>();
        synchronized (this) {
            findings.removeIf(f -> {
                if (resolved.test(f)) {
                    cleared.add(f);
                    return true;
                }
                return false;
            });
            readOnly = findings.stream().anyMatch(IntegrityFinding::readOnly);
        }
        cleared.forEach(f -> LOG.infof("Audit trail integrity: no longer found: %s", f.describe()));
    }

    /** When the journal was last verified against its anchors, and which range of events that covered. */
    public void checked(Instant at, String range) {
        this.checkedAt = at;
        this.checkedRange = range;
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    public String checkedRange() {
        return checkedRange;
    }
}
