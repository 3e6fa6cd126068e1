package dev.strongroom.statements;

import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.catalog.DocumentStored;
import dev.strongroom.metadata.statement.StatementSidecar;
import dev.strongroom.metadata.statement.StatementValidator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Moves statements through their processing, one step at a time, on one background thread: registers new
 * statement documents (RECEIVED), takes in their validation (the vault's own lane, or the Lambda's sidecar),
 * matches loaded ones to receipts, writes the reconciliation report and sends the notification. Every step
 * is conditional on the state the catalog shows and can be repeated, so the worker is woken after each upload
 * and swept every {@code sweep-every}, and a stop at any moment leaves nothing half done that the next pass
 * does not finish. Steps that need S3 or SNS and fail are tried again at the next sweep.
 */
@ApplicationScoped
public class StatementWorker {

    private static final Logger LOG = Logger.getLogger(StatementWorker.class);
    private static final int BATCH = 50;

    private final StatementsConfig config;
    private final StatementSidecars sidecars;
    private final StatementLoader loader;
    private final StatementMatching matching;
    private final StatementReports reports;
    private final StatementNotifier notifier;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "statement-worker");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean waitingForLambdaSaid;

    public StatementWorker(StatementsConfig config, StatementSidecars sidecars, StatementLoader loader,
            StatementMatching matching, StatementReports reports, StatementNotifier notifier) {
        this.config = config;
        this.sidecars = sidecars;
        this.loader = loader;
        this.matching = matching;
        this.reports = reports;
        this.notifier = notifier;
    }

    /**
     * A new statement: look soon. Never blocks the upload. Other documents do not wake the worker: a pass reads
     * the catalog (about a sixth of the vault's CPU per receipt in a 32-client upload burst), and a document filed
     * into the statement class later is found by the next sweep.
     */
    void stored(@Observes DocumentStored event) {
        if (StatementValidator.RETENTION_CLASS.equals(event.retentionClass())) {
            wake();
        }
    }

    @Scheduled(every = "{strongroom.statements.sweep-every}", delayed = "{strongroom.startup.background-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    /** Queues one pass unless one is already waiting. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    queued.set(false);
                    passSafely();
                });
            } catch (RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            // The catalog or a peer failed under us; the next sweep starts over from the catalog's states.
            LOG.warnf(e, "Statement worker pass failed; the next sweep tries again");
        }
    }

    /** One pass over everything that can move. */
    void pass() {
        register();
        for (Statement s : batch(StatementState.RECEIVED)) {
            validate(s);
        }
        for (Statement s : batch(StatementState.LOADED)) {
            matching.match(s.documentId, StatementAction.MATCH);
        }
        List<Statement> unreported = QuarkusTransaction.requiringNew().call(() -> Statement.<Statement>find(
                "reportAt is null and state in ?1 order by uploadedAt", List.of(StatementState.INVALID,
                        StatementState.DUPLICATE, StatementState.RECONCILED)).page(0, BATCH).list());
        for (Statement s : unreported) {
            try {
                reports.write(s.documentId);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Statement %s: report not written yet (%s); trying again at the next sweep", s.documentId,
                        e.getMessage());
            }
        }
        if (notifier.configured()) {
            List<Statement> unnotified = QuarkusTransaction.requiringNew().call(() -> Statement.<Statement>find(
                    "notifiedAt is null and reportAt is not null order by uploadedAt").page(0, BATCH).list());
            for (Statement s : unnotified) {
                try {
                    notifier.publish(s.documentId);
                } catch (SdkException e) {
                    LOG.warnf("Statement %s: notification not sent yet (%s); trying again at the next sweep",
                            s.documentId, e.getMessage());
                }
            }
        }
    }

    /** Statements are documents of the class 'statement'; each gets its row once. */
    private void register() {
        QuarkusTransaction.requiringNew().run(() -> {
            Set<String> registered = new HashSet<>(Statement.getEntityManager()
                    .createQuery("select s.documentId from Statement s", String.class).getResultList());
            List<FiledDocument> fresh = FiledDocuments.ofClassExcept(StatementValidator.RETENTION_CLASS, registered,
                    BATCH);
            for (FiledDocument d : fresh) {
                Statement s = new Statement();
                s.documentId = d.id();
                s.owner = d.owner();
                s.fileName = d.fileName();
                s.uploadedAt = d.uploadedAt();
                s.state = StatementState.RECEIVED;
                s.persist();
                LOG.infof("Statement %s (%s) received; waiting for its validation", d.id(), d.fileName());
            }
        });
    }

    private List<Statement> batch(StatementState state) {
        return QuarkusTransaction.requiringNew().call(() -> Statement.<Statement>find("state = ?1 order by uploadedAt",
                state).page(0, BATCH).list());
    }

    private void validate(Statement s) {
        FiledDocument d = QuarkusTransaction.requiringNew().call(() -> FiledDocuments.find(s.documentId).orElse(null));
        if (d == null) {
            return;
        }
        try {
            Optional<StatementSidecar> sidecar;
            Lane lane;
            if (config.validateInProcess()) {
                sidecar = sidecars.validateHere(d.sha256(), d.sizeBytes());
                lane = Lane.VAULT;
            } else if (sidecars.bucketConfigured()) {
                sidecar = sidecars.fromBucket(d.id(), d.sha256());
                lane = Lane.LAMBDA;
            } else {
                if (!waitingForLambdaSaid) {
                    waitingForLambdaSaid = true;
                    LOG.warnf("Statements wait for the metadata Lambda's validation, but no bucket is configured: set "
                            + "strongroom.statements.validate-in-process=true or strongroom.backup.bucket");
                }
                return;
            }
            sidecar.ifPresent(found -> loader.load(s.documentId, found, lane));
        } catch (IOException | SdkException e) {
            LOG.warnf("Statement %s: validation not taken in yet (%s); trying again at the next sweep", s.documentId,
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Statement %s: its sidecar is refused: %s", s.documentId, e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        thread.shutdownNow();
    }
}
