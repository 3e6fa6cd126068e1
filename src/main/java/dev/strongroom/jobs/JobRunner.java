package dev.strongroom.jobs;

import dev.strongroom.StartupOrder;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;

/**
 * Runs long operations, at most one of each {@link JobKind} at a time, each kind on its own worker
 * thread: refuses a start with 409 while the kind runs and with 503 once the vault is stopping, knows
 * the progress of the run in progress, and at start marks the runs a crash left running as
 * interrupted (through each kind's {@link JobStore}). A kind that runs once per vault
 * ({@link JobKind.Scope#VAULT}) runs only on the host holding its {@link JobLease}: a start on another host is
 * refused with 409 naming the holder, and the lease is renewed while the run goes on and released at its end.
 * <p>
 * A capability checks what only it knows (is it configured?) first, then calls {@link #refuseStart}
 * and {@link #launch} from one {@code synchronized} start method, so that no second run slips in
 * between the check and the launch.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final List<JobStore> stores;
    private final JobLease lease;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-lease-renewal");
        t.setDaemon(true);
        return t;
    });
    private final Map<JobKind, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<JobKind, JobProgress> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Inject
    public JobRunner(Instance<JobStore> stores, JobLease lease) {
        this(StreamSupport.stream(stores.spliterator(), false).toList(), lease);
    }

    JobRunner(List<JobStore> stores, JobLease lease) {
        this.stores = List.copyOf(stores);
        this.lease = lease;
    }

    /** This host, as job records name the host that runs them. */
    public String hostId() {
        return lease.hostId();
    }

    /**
     * Runs a stop or crash of this host left running did not finish; they say so instead of showing running
     * forever. Runs another host of the vault is running are left alone.
     */
    void markInterruptedEarly(@Observes @Priority(StartupOrder.BACKUP_RUNS) StartupEvent event) {
        markInterrupted(JobKind.Recovery.EARLY);
    }

    void markInterruptedLate(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event) {
        markInterrupted(JobKind.Recovery.LATE);
    }

    private void markInterrupted(JobKind.Recovery recovery) {
        for (JobStore store : stores) {
            if (store.kind().recovery() != recovery) {
                continue;
            }
            int closed = store.markInterrupted(lease.hostId(), Instant.now());
            if (closed > 0) {
                LOG.warnf("%d %s(s) were interrupted by the last stop", closed, store.kind().label().toLowerCase());
            }
            store.clearLeftovers(closed);
        }
    }

    /** From the first moment of a stop no job starts: it would be cut off, or find the catalog closed. */
    void refuseStartsFromNowOn(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** 503 once the vault is stopping. */
    public void refuseIfStopping(JobKind kind) {
        if (stopping) {
            throw new ProblemException(503, ProblemType.SHUTTING_DOWN, "Shutting down",
                    "The vault is shutting down; no " + kind.label().toLowerCase() + " starts now");
        }
    }

    /** 409 while a run of the kind is in progress, naming it. */
    public void refuseIfRunning(JobKind kind) {
        JobProgress busy = running.get(kind);
        if (busy != null) {
            throw ProblemException.conflict(kind.conflictType(), kind.label() + " " + busy.id() + " is still "
                    + kind.busy(), Map.of(kind.idField(), busy.id()));
        }
    }

    /**
     * {@link #refuseIfStopping} then {@link #refuseIfRunning}; for a kind that runs once per vault, then takes its
     * lease, or answers 409 naming the host that holds it. A start that fails before {@link #launch} leaves the
     * lease to run out on its own: this host may take it again at once, another host after its duration.
     */
    public void refuseStart(JobKind kind) {
        refuseIfStopping(kind);
        refuseIfRunning(kind);
        if (kind.scope() == JobKind.Scope.VAULT) {
            JobLease.Holder holder = lease.take(kind.name());
            if (!holder.hostId().equals(lease.hostId())) {
                throw ProblemException.conflict(ProblemType.HELD_BY_ANOTHER_HOST, kind.label() + " runs once per vault"
                        + ", and host " + holder.hostId() + " holds it until " + holder.expiresAt()
                        + " (renewed while it runs)", Map.of("holderHostId", holder.hostId(),
                                "leaseExpiresAt", holder.expiresAt().toString()));
            }
        }
    }

    /**
     * For a start {@link #refuseStart} allowed that is not going to launch after all (a scheduled run another host
     * already made): lets go of the kind's lease at once, so no host waits for it to run out.
     */
    public void abandonStart(JobKind kind) {
        if (kind.scope() == JobKind.Scope.VAULT) {
            lease.release(kind.name());
        }
    }

    /**
     * Runs {@code work} on the kind's worker thread, with {@code progress} as the run in progress until
     * the work returns or calls {@link #ended}. When the stop already shut the worker, the run is marked
     * not started in the kind's store (if it has one) and refused with 503.
     */
    public <P extends JobProgress> P launch(JobKind kind, P progress, Consumer<P> work) {
        running.put(kind, progress);
        Runnable letGo = holdLease(kind);
        try {
            worker(kind).submit(() -> {
                try {
                    work.accept(progress);
                } finally {
                    ended(kind, progress);
                    letGo.run();
                }
            });
        } catch (RejectedExecutionException e) {
            ended(kind, progress);
            letGo.run();
            stores.stream().filter(s -> s.kind().equals(kind)).forEach(s -> s.markNotStarted(progress.id(),
                    Instant.now()));
            throw new ProblemException(503, ProblemType.SHUTTING_DOWN, "Shutting down", "The vault is shutting down; "
                    + kind.label().toLowerCase() + " " + progress.id() + " was not started");
        }
        return progress;
    }

    /**
     * For a kind that runs once per vault: renews the lease {@link #refuseStart} took while the run goes on; returns
     * what ends the renewal and releases the lease.
     */
    private Runnable holdLease(JobKind kind) {
        if (kind.scope() != JobKind.Scope.VAULT) {
            return () -> {
            };
        }
        long every = Math.max(1, lease.duration().toMillis() / 3);
        Optional<ScheduledFuture<?>> renewal;
        try {
            renewal = Optional.of(renewals.scheduleAtFixedRate(() -> renew(kind), every, every, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // The vault is stopping: the launch is refused next, and only the release is left to do.
            renewal = Optional.empty();
        }
        Optional<ScheduledFuture<?>> renewing = renewal;
        return () -> {
            renewing.ifPresent(r -> r.cancel(false));
            try {
                lease.release(kind.name());
            } catch (RuntimeException e) {
                LOG.warnf("The lease of %s was not released (%s); it runs out on its own", kind.name(), e.getMessage());
            }
        };
    }

    private void renew(JobKind kind) {
        try {
            if (!lease.renew(kind.name())) {
                LOG.warnf("This host lost the lease of %s while running it: another host may start one", kind.name());
            }
        } catch (RuntimeException e) {
            LOG.warnf("The lease of %s could not be renewed (%s); trying again", kind.name(), e.getMessage());
        }
    }

    /**
     * The run is over as far as others can tell (its end is recorded), so the next may start, even
     * while it still writes its audit event.
     */
    public void ended(JobKind kind, JobProgress progress) {
        running.remove(kind, progress);
    }

    /** The run of the kind in progress, if any. */
    public Optional<JobProgress> running(JobKind kind) {
        return Optional.ofNullable(running.get(kind));
    }

    /** The kind's run in progress, when it is the one with this id: its live progress. */
    public <P extends JobProgress> Optional<P> live(JobKind kind, String id, Class<P> type) {
        JobProgress p = running.get(kind);
        return p != null && p.id().equals(id) && type.isInstance(p) ? Optional.of(type.cast(p)) : Optional.empty();
    }

    /**
     * Takes no more work of the kind and waits up to {@code grace} for the run in progress to end;
     * false when it did not.
     */
    public boolean drain(JobKind kind, Duration grace) {
        ExecutorService worker = worker(kind);
        worker.shutdown();
        try {
            return worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ExecutorService worker(JobKind kind) {
        return workers.computeIfAbsent(kind, k -> Executors.newSingleThreadExecutor(r -> new Thread(r, k.name())));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        renewals.shutdownNow();
        workers.forEach((kind, worker) -> {
            if (kind.onStop() == JobKind.OnStop.INTERRUPT) {
                worker.shutdownNow();
            } else {
                worker.shutdown();
            }
        });
    }
}
