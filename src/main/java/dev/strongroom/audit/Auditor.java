package dev.strongroom.audit;

import dev.strongroom.http.RequestIdentity;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * The one way capabilities record an action. It fills in who and from where from the current HTTP
 * exchange (or "system" for scheduled and startup work), fits every indexed field to its column
 * ({@link IndexColumns}), appends to the journal (durably), then indexes the event for queries.
 * <p>
 * The journal is the record; the index row is a copy. When the catalog cannot take the row of an
 * event recorded alone (a full volume, a catalog outage), the action is not failed for it: the row
 * follows at the next catch-up. An event recorded with a catalog change ({@link #recordWith}) fails
 * with it, since the two commit together.
 */
@ApplicationScoped
public class Auditor {

    private static final Logger LOG = Logger.getLogger(Auditor.class);
    private static final Runnable NOTHING = () -> {
    };

    private final AuditJournal journal;
    private final AuditIndex index;
    /**
     * Held shared by every record from its journal append to its index commit, and exclusively by
     * {@link #indexedHead()}: an export must not fix a chain head while an event at or below it is
     * still on its way into the index, or its header would count fewer events than its body streams.
     */
    private final ReadWriteLock inFlight = new ReentrantReadWriteLock();

    private final WriteGate gate;
    /** Index rows left for a catch-up while the volume was below the write floor. */
    private final AtomicBoolean deferred = new AtomicBoolean();

    /**
     * The host whose journal this auditor writes: index rows of its chain carry this host id, and
     * whatever replays its own intents from the index reads only those rows (sequence numbers are per host).
     */
    public String host() {
        return index.host();
    }

    public Auditor(AuditJournal journal, AuditIndex index, WriteGate gate) {
        this.journal = journal;
        this.index = index;
        this.gate = gate;
    }

    public AuditEvent record(AuditAction action, String resource, Outcome outcome, Map<String, ?> detail) {
        return record(currentRequest(), action, resource, outcome, detail);
    }

    /**
     * For work that holds the HTTP exchange but runs where the request context is not active, such as
     * a refusal that is audited on a worker thread after the security check failed on the event loop.
     */
    public AuditEvent record(RoutingContext rc, AuditAction action, String resource, Outcome outcome,
            Map<String, ?> detail) {
        return recordAs(rc, actorOf(rc), roleOf(rc), action, resource, outcome, detail, NOTHING);
    }

    /**
     * For actions whose actor is not (yet) the authenticated identity, such as a failed login, which
     * is checked off the request's own thread and so passes the exchange explicitly.
     */
    public AuditEvent recordAs(RoutingContext rc, String actor, String role, AuditAction action, String resource,
            Outcome outcome, Map<String, ?> detail) {
        return recordAs(rc, actor, role, action, resource, outcome, detail, NOTHING);
    }

    /**
     * As {@link #record(AuditAction, String, Outcome, Map)}, then commits {@code alongside} in the same catalog
     * transaction as the event's index row: an upload's catalog row, for one commit per upload instead
     * of two. The journal line is durable before either runs.
     */
    public AuditEvent recordWith(AuditAction action, String resource, Outcome outcome, Map<String, ?> detail,
            Runnable alongside) {
        RoutingContext rc = currentRequest();
        return recordAs(rc, actorOf(rc), roleOf(rc), action, resource, outcome, detail, alongside);
    }

    private AuditEvent recordAs(RoutingContext rc, String actor, String role, AuditAction action, String resource,
            Outcome outcome, Map<String, ?> detail, Runnable alongside) {
        AuditRecord record = IndexColumns.fit(new AuditRecord(actor, role, action.action(), resource, outcome.value(),
                RequestIdentity.client(rc), RequestIdentity.requestId(rc), AuditRecord.details(detail)));
        boolean changeOfState = alongside != NOTHING;
        JournalLine written;
        boolean catchUp = false;
        inFlight.readLock().lock();
        try {
            written = journal.append(record, changeOfState);
            if (!changeOfState && gate.belowFloor()) {
                // A catalog on this volume may have no room left for the row: an embedded database that
                // fails a write closes itself, and every request after it would fail. The journal line
                // is the record; its row joins the index once there is room again.
                deferred.set(true);
            } else {
                try {
                    index.add(written, alongside);
                    catchUp = deferred.compareAndSet(true, false);
                } catch (RuntimeException e) {
                    if (changeOfState) {
                        throw e;
                    }
                    LOG.warnf("Audit event %d is in the journal but not yet in the index (%s); it is indexed at "
                            + "the next catch-up", written.event().seq(), e.getMessage());
                }
            }
        } finally {
            inFlight.readLock().unlock();
        }
        if (catchUp) {
            LOG.infof("The data volume has room again: indexed %d audit event(s) recorded while it was full",
                    index.catchUp(journal.segments()));
        }
        return written.event();
    }

    /**
     * The chain head, taken when no record is between its journal append and its index row: every
     * event up to it that was recorded in this run is in the index, and none can be added below it
     * later. Exports count and stream up to this head, so header and body describe the same events.
     */
    public ChainHead indexedHead() {
        inFlight.writeLock().lock();
        try {
            return journal.head();
        } finally {
            inFlight.writeLock().unlock();
        }
    }

    private static RoutingContext currentRequest() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
    }

    private static String actorOf(RoutingContext rc) {
        SecurityIdentity identity = identityOf(rc);
        return identity == null ? (rc == null ? "system" : "anonymous") : identity.getPrincipal().getName();
    }

    private static String roleOf(RoutingContext rc) {
        SecurityIdentity identity = identityOf(rc);
        return identity == null ? (rc == null ? "system" : "") : String.join(",", new TreeSet<>(identity.getRoles()));
    }

    private static SecurityIdentity identityOf(RoutingContext rc) {
        if (rc != null && rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }
}
