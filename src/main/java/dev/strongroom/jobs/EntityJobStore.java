package dev.strongroom.jobs;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;

/**
 * A {@link JobStore} over an entity with the columns every run table has: {@code id}, {@code state},
 * {@code finishedAt} and {@code error}.
 */
public abstract class EntityJobStore implements JobStore {

    private static final String NOT_STARTED = "not started: the vault is shutting down";

    private final JobKind kind;
    private final String entity;
    private final String interruptedError;

    /**
     * @param entity the entity's name in JPQL
     * @param interruptedError the error recorded on a run a stop or crash cut off
     */
    protected EntityJobStore(JobKind kind, String entity, String interruptedError) {
        this.kind = kind;
        this.entity = entity;
        this.interruptedError = interruptedError;
    }

    @Override
    public JobKind kind() {
        return kind;
    }

    @Override
    public int markInterrupted(Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createQuery(
                "update " + entity + " set state = :to, finishedAt = :at, error = :error where state = :from")
                .setParameter("to", JobState.INTERRUPTED.stored()).setParameter("at", at)
                .setParameter("error", interruptedError).setParameter("from", JobState.RUNNING.stored())
                .executeUpdate());
    }

    @Override
    public void markNotStarted(String id, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createQuery(
                "update " + entity + " set state = :to, finishedAt = :at, error = :error where id = :id")
                .setParameter("to", JobState.FAILED.stored()).setParameter("at", at)
                .setParameter("error", NOT_STARTED).setParameter("id", id).executeUpdate());
    }
}
