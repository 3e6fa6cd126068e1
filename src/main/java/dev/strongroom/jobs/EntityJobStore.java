package dev.strongroom.jobs;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.function.Function;

/**
 * A {@link JobStore} over an entity with the columns every run table has: {@code id}, {@code state},
 * {@code finishedAt}, {@code error} and {@code hostId} (the host running it, null on rows from before hosts
 * were recorded). The state attribute is a {@link JobState} ({@link JobStateConverter}),
 * or the kind's own enum when its runs end in other words.
 */
public abstract class EntityJobStore implements JobStore {

    private static final String NOT_STARTED = "not started: the vault is shutting down";

    private final JobKind kind;
    private final String entity;
    private final String interruptedError;
    private final Function<JobState, ?> stateOf;

    /**
     * For an entity whose state attribute is a {@link JobState}.
     *
     * @param entity the entity's name in JPQL
     * @param interruptedError the error recorded on a run a stop or crash cut off
     */
    protected EntityJobStore(JobKind kind, String entity, String interruptedError) {
        this(kind, entity, interruptedError, Function.identity());
    }

    /**
     * For an entity whose state attribute is the kind's own enum.
     *
     * @param stateOf the value of the entity's state for the running, failed and interrupted job states
     */
    protected EntityJobStore(JobKind kind, String entity, String interruptedError, Function<JobState, ?> stateOf) {
        this.kind = kind;
        this.entity = entity;
        this.interruptedError = interruptedError;
        this.stateOf = stateOf;
    }

    @Override
    public JobKind kind() {
        return kind;
    }

    @Override
    public int markInterrupted(String hostId, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createQuery(
                "update " + entity + " set state = :to, finishedAt = :at, error = :error where state = :from"
                        + " and (hostId = :host or hostId is null)")
                .setParameter("to", stateOf.apply(JobState.INTERRUPTED)).setParameter("at", at)
                .setParameter("error", interruptedError).setParameter("from", stateOf.apply(JobState.RUNNING))
                .setParameter("host", hostId).executeUpdate());
    }

    @Override
    public void markNotStarted(String id, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createQuery(
                "update " + entity + " set state = :to, finishedAt = :at, error = :error where id = :id")
                .setParameter("to", stateOf.apply(JobState.FAILED)).setParameter("at", at)
                .setParameter("error", NOT_STARTED).setParameter("id", id).executeUpdate());
    }
}
