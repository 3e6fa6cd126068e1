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

/**
 * The one way capabilities record an action. It fills in who and from where from the current HTTP
 * exchange (or "system" for scheduled and startup work), appends to the journal (durably), then
 * indexes the event for queries.
 */
@ApplicationScoped
public class Auditor {

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
    public static final String FAILURE = "failure";
    public static final String REJECTED = "rejected";

    private final AuditJournal journal;
    private final AuditIndex index;

    public Auditor(AuditJournal journal, AuditIndex index) {
        this.journal = journal;
        this.index = index;
    }

    public AuditEvent record(String action, String resource, String outcome, Map<String, ?> detail) {
        return record(currentRequest(), action, resource, outcome, detail);
    }

    /**
     * For work that holds the HTTP exchange but runs where the request context is not active, such as
     * a refusal that is audited on a worker thread after the security check failed on the event loop.
     */
    public AuditEvent record(RoutingContext rc, String action, String resource, String outcome,
            Map<String, ?> detail) {
        SecurityIdentity identity = identityOf(rc);
        String actor = identity == null ? (rc == null ? "system" : "anonymous") : identity.getPrincipal().getName();
        String role = identity == null ? (rc == null ? "system" : "") : String.join(",", new TreeSet<>(identity.getRoles()));
        return recordAs(rc, actor, role, action, resource, outcome, detail);
    }

    /**
     * For actions whose actor is not (yet) the authenticated identity, such as a failed login, which
     * is checked off the request's own thread and so passes the exchange explicitly.
     */
    public AuditEvent recordAs(RoutingContext rc, String actor, String role, String action, String resource,
            String outcome, Map<String, ?> detail) {
        AuditRecord record = new AuditRecord(actor, role, action, resource, outcome, RequestIdentity.client(rc),
                RequestIdentity.requestId(rc), AuditRecord.details(detail));
        JournalLine written = journal.append(record);
        index.add(written.event(), written.line());
        return written.event();
    }

    private static RoutingContext currentRequest() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
    }

    private static SecurityIdentity identityOf(RoutingContext rc) {
        if (rc != null && rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }
}
