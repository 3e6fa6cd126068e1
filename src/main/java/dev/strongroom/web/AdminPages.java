package dev.strongroom.web;

import dev.strongroom.audit.AuditService;
import dev.strongroom.catalog.DocumentService;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.DecisionReasons.Rejection;
import dev.strongroom.http.DecisionReasons.Withdrawal;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.Problems;
import dev.strongroom.retention.DisposalView;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.NewUser;
import dev.strongroom.security.RoleChangeResult;
import dev.strongroom.security.RoleChangeView;
import dev.strongroom.security.Roles;
import dev.strongroom.security.SecurityAction;
import dev.strongroom.security.UserService;
import dev.strongroom.security.UserView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Administration: users (search, create, disable, enable, reset password, change roles, last
 * sign-in), and the two-person steps: a disposal and a grant of admin, each requested by one admin
 * and approved or rejected by another, or withdrawn by the one who asked. Each action goes through the same
 * service as the admin API, so it is validated and audited the same way; success redirects back
 * (post, redirect, get), a refusal shows the page again with the vault's message. The irreversible
 * ones (disabling, approving a disposal) first answer a {@link Confirmation}.
 */
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    static final int RECENT_TOMBSTONES = 20;
    static final List<String> ROLES = List.of(Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN);
    static final String SIGN_IN = SecurityAction.LOGIN_SUCCESS.action();
    /** A new user starts with no role ticked: a role is a grant, given on purpose (a pre-ticked one went unnoticed). */
    static final NewUserForm NO_ROLES = new NewUserForm("", Set.of());

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(Page page, List<UserRow> users, UserSearch search, int userCount,
                List<PendingDisposal> disposals, List<RoleChangeView> roleChanges, List<Tombstone> tombstones,
                String notice, String problem, NewUserForm form, List<String> roles);
    }

    /** A user with when they last signed in (null: never, as far as the audit trail reaches). */
    public record UserRow(UserView user, Instant lastSignIn) {
    }

    /** The user search form: text in the name, a role, active or disabled; all optional. */
    public record UserSearch(String q, String role, String status) {
        public boolean any() {
            return q != null || role != null || status != null;
        }

        boolean matches(UserView u) {
            return (q == null || u.username().contains(q.toLowerCase(java.util.Locale.ROOT)))
                    && (role == null || u.roles().contains(role))
                    && (status == null || ("disabled".equals(status) == u.disabled()));
        }
    }

    /** A disposal request with the document it would destroy, so the approver sees what, not a bare id. */
    public record PendingDisposal(DisposalView request, DocumentView document) {
    }

    /** What the create-user form had, to show it again after a refusal (never the password). */
    public record NewUserForm(String username, Set<String> roles) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    private final PageContext pages;
    private final UserService users;
    private final RetentionService retention;
    private final Validator validator;
    private final SecurityIdentity identity;
    private final DocumentService documents;
    private final AuditService audit;

    public AdminPages(PageContext pages, UserService users, RetentionService retention, Validator validator,
            SecurityIdentity identity, DocumentService documents, AuditService audit) {
        this.documents = documents;
        this.audit = audit;
        this.pages = pages;
        this.users = users;
        this.retention = retention;
        this.validator = validator;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String done, @RestQuery String subject,
            @RestQuery String q, @RestQuery String role, @RestQuery String status) {
        UserSearch search = new UserSearch(QueryString.blankToNull(q), role != null && ROLES.contains(role) ? role : null,
                "active".equals(status) || "disabled".equals(status) ? status : null);
        return page(rc, notice(done, subject), null, NO_ROLES, search);
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(RoutingContext rc, @RestForm String username, @RestForm String password,
            @RestForm List<String> roles) {
        Set<String> chosen = roles == null ? Set.of() : new TreeSet<>(roles);
        NewUserForm form = new NewUserForm(username == null ? "" : username.strip(), chosen);
        NewUser request = new NewUser(form.username(), password, chosen);
        Set<ConstraintViolation<NewUser>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            return refused(rc, 400, "The user was not created: " + message + ".", form);
        }
        try {
            users.create(request, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), form);
        }
        return done("created", form.username());
    }

    @POST
    @Path("users/{username}/disable")
    @Operation(hidden = true)
    public Response disable(RoutingContext rc, @RestPath String username, @RestForm String confirm,
            @RestForm String typed) {
        Confirmation confirmation = Confirmation.of("Disable " + username + "?",
                username + " will not be able to sign in, and every session they have open ends at its next request. "
                        + "An admin can enable the account again; what they did stays in the audit trail.",
                userFacts(username), "/admin/users/" + QueryString.encode(username) + "/disable",
                "Disable " + username, "/admin");
        if (UserService.FIRST_ADMIN.equals(username)) {
            // The built-in admin is how a vault is run when everything else is lost: never by a slip.
            confirmation = confirmation.typing(username);
        }
        if (!Confirmation.given(confirm)) {
            return confirmation.page(pages.page(rc, "Confirm: disable " + username, "admin"));
        }
        if (confirmation.typeToConfirm() != null && !confirmation.typeToConfirm().equals(typed == null ? "" : typed.strip())) {
            return confirmation.refusing("Not disabled: you typed '" + Problems.clip(typed == null ? "" : typed)
                    + "', not '" + username + "'.").page(pages.page(rc, "Confirm: disable " + username, "admin"));
        }
        try {
            users.disable(username, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("disabled", username);
    }

    @POST
    @Path("users/{username}/enable")
    @Operation(hidden = true)
    public Response enable(RoutingContext rc, @RestPath String username) {
        try {
            users.enable(username);
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("enabled", username);
    }

    @POST
    @Path("users/{username}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response resetPassword(RoutingContext rc, @RestPath String username, @RestForm String password) {
        try {
            users.resetPassword(username, password);
        } catch (ProblemException e) {
            return refused(rc, e.status(), "The password of " + username + " was not changed: " + e.getMessage(), null);
        }
        return done("password", username);
    }

    @POST
    @Path("disposals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response requestDisposal(RoutingContext rc, @RestForm String documentId, @RestForm String reason) {
        String id = documentId == null ? "" : documentId.strip();
        String why = reason == null ? "" : reason.strip();
        if (id.isEmpty() || why.length() < 3 || why.length() > 2000) {
            return refused(rc, 400, "A disposal request needs a document id and a reason of 3 to 2000 characters.", null);
        }
        try {
            retention.requestDisposal(id, me(), why);
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("requested", id);
    }

    @POST
    @Path("disposals/{requestId}/approve")
    @Operation(hidden = true)
    public Response approve(RoutingContext rc, @RestPath String requestId, @RestForm String confirm) {
        if (!Confirmation.given(confirm)) {
            DisposalView request = retention.pending().stream().filter(d -> d.id().equals(requestId)).findFirst()
                    .orElse(null);
            if (request == null) {
                return refused(rc, 404, "No pending disposal request " + Problems.clip(requestId)
                        + ": another admin may have approved it already.", null);
            }
            DocumentView doc;
            try {
                doc = documents.view(request.documentId(), Viewer.of(identity));
            } catch (ProblemException e) {
                return refused(rc, e.status(), e.getMessage(), null);
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Document", doc.originalFileName());
            facts.put("Document id", doc.id());
            facts.put("Owner", doc.owner());
            facts.put("Type and size", doc.contentType() + ", " + Formats.bytes(doc.size()));
            facts.put("Uploaded", Formats.time(doc.uploadedAt()));
            facts.put("Retention class", doc.retentionClass());
            facts.put("Retain until", Formats.time(doc.retainUntil()));
            facts.put("Legal hold", doc.legalHold() ? "on hold (the vault will refuse)" : "none");
            facts.put("SHA-256", doc.sha256());
            facts.put("Requested by", request.requestedBy() + ", " + Formats.time(request.requestedAt()));
            facts.put("Reason", request.reason());
            return Confirmation.of("Dispose of " + doc.originalFileName() + "?",
                    "The document's bytes and catalog entry are destroyed for good; only a tombstone with its SHA-256, "
                            + "who requested, who approved and why remains. This cannot be undone.",
                    facts, "/admin/disposals/" + QueryString.encode(requestId) + "/approve", "Dispose of it for good",
                    "/admin").page(pages.page(rc, "Confirm disposal", "admin"));
        }
        Tombstone tombstone;
        try {
            tombstone = retention.approve(requestId, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("approved", tombstone.documentId);
    }

    @POST
    @Path("users/{username}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response changeRoles(RoutingContext rc, @RestPath String username, @RestForm List<String> roles) {
        Set<String> chosen = roles == null ? Set.of() : new TreeSet<>(roles);
        if (chosen.isEmpty() || !ROLES.containsAll(chosen)) {
            return refused(rc, 400, "The roles of " + username + " were not changed: tick at least one of "
                    + String.join(", ", ROLES) + ".", null);
        }
        RoleChangeResult result;
        try {
            result = users.changeRoles(username, chosen, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), "The roles of " + username + " were not changed: " + e.getMessage(), null);
        }
        return done(result.pending() == null ? "roles" : "roles-requested", username);
    }

    @POST
    @Path("roles/{requestId}/approve")
    @Operation(hidden = true)
    public Response approveRoles(RoutingContext rc, @RestPath String requestId, @RestForm String confirm) {
        RoleChangeView request = users.pendingRoleChanges().stream().filter(r -> r.id().equals(requestId)).findFirst()
                .orElse(null);
        if (request == null) {
            return refused(rc, 404, "No waiting role change " + Problems.clip(requestId)
                    + ": another admin may have decided it already.", null);
        }
        if (!Confirmation.given(confirm)) {
            Map<String, String> facts = userFacts(request.username());
            facts.put("New roles", String.join(", ", request.roles()));
            facts.put("Requested by", request.requestedBy() + ", " + Formats.time(request.requestedAt()));
            return Confirmation.of("Make " + request.username() + " an admin?",
                    request.username() + " will be able to create and disable users, change roles and approve "
                            + "disposals. An admin's roles can only be taken away by another admin.",
                    facts, "/admin/roles/" + QueryString.encode(requestId) + "/approve", "Grant the roles",
                    "/admin").page(pages.page(rc, "Confirm: grant admin", "admin"));
        }
        try {
            users.approveRoles(requestId, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("roles", request.username());
    }

    @POST
    @Path("roles/{requestId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rejectRoles(RoutingContext rc, @RestPath String requestId, @RestForm String reason) {
        String invalid = invalidReason(new Rejection(reasonOf(reason)));
        if (invalid != null) {
            return refused(rc, 400, "Nothing was decided: the reason " + invalid + ".", null);
        }
        try {
            users.rejectRoles(requestId, me(), reasonOf(reason));
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("roles-rejected", requestId);
    }

    @POST
    @Path("roles/{requestId}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response withdrawRoles(RoutingContext rc, @RestPath String requestId, @RestForm String reason) {
        String invalid = invalidReason(new Withdrawal(reasonOf(reason)));
        if (invalid != null) {
            return refused(rc, 400, "Nothing was decided: the reason " + invalid + ".", null);
        }
        try {
            users.withdrawRoles(requestId, me(), reasonOf(reason));
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("roles-withdrawn", requestId);
    }

    @POST
    @Path("disposals/{requestId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rejectDisposal(RoutingContext rc, @RestPath String requestId, @RestForm String reason) {
        String invalid = invalidReason(new Rejection(reasonOf(reason)));
        if (invalid != null) {
            return refused(rc, 400, "Nothing was decided: the reason " + invalid + ".", null);
        }
        try {
            retention.reject(requestId, me(), reasonOf(reason));
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("disposal-rejected", requestId);
    }

    @POST
    @Path("disposals/{requestId}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response withdrawDisposal(RoutingContext rc, @RestPath String requestId, @RestForm String reason) {
        String invalid = invalidReason(new Withdrawal(reasonOf(reason)));
        if (invalid != null) {
            return refused(rc, 400, "Nothing was decided: the reason " + invalid + ".", null);
        }
        try {
            retention.withdraw(requestId, me(), reasonOf(reason));
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("disposal-withdrawn", requestId);
    }

    private static String reasonOf(String reason) {
        return reason == null ? null : reason.strip();
    }

    /** The API's own rules for a decision's reason, so the page and the API refuse alike; null when valid. */
    private String invalidReason(Object decision) {
        return validator.validate(decision).stream().map(ConstraintViolation::getMessage).sorted().findFirst()
                .orElse(null);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private Map<String, String> userFacts(String username) {
        Map<String, String> facts = new LinkedHashMap<>();
        users.list().stream().filter(u -> u.username().equals(username)).findFirst().ifPresent(u -> {
            facts.put("User", u.username());
            facts.put("Roles", String.join(", ", u.roles()));
            facts.put("Created", Formats.time(u.createdAt()) + " by " + u.createdBy());
            facts.put("Last sign-in", Formats.time(audit.lastSuccess(SIGN_IN).get(u.username())));
        });
        if (UserService.FIRST_ADMIN.equals(username)) {
            facts.put("Note", "This is the built-in admin made at the vault's first start.");
        }
        return facts;
    }

    private Response refused(RoutingContext rc, int status, String problem, NewUserForm form) {
        return Response.status(status).entity(page(rc, null, problem, form == null ? NO_ROLES : form,
                new UserSearch(null, null, null))).build();
    }

    private TemplateInstance page(RoutingContext rc, String notice, String problem, NewUserForm form,
            UserSearch search) {
        Map<String, Instant> lastSignIn = audit.lastSuccess(SIGN_IN);
        List<UserView> all = users.list();
        List<UserRow> shown = all.stream().filter(search::matches).sorted(Comparator.comparing(UserView::username))
                .map(u -> new UserRow(u, lastSignIn.get(u.username()))).toList();
        List<Tombstone> recent = retention.tombstones().stream()
                .sorted(Comparator.comparing((Tombstone t) -> t.disposedAt).reversed()).limit(RECENT_TOMBSTONES)
                .toList();
        List<DisposalView> pending = retention.pending().stream()
                .sorted(Comparator.comparing(DisposalView::requestedAt)).toList();
        Map<String, DocumentView> named = documents.entries(pending.stream().map(DisposalView::documentId).toList(),
                Viewer.of(identity));
        List<PendingDisposal> disposals = pending.stream()
                .map(d -> new PendingDisposal(d, named.get(d.documentId()))).toList();
        List<RoleChangeView> roleChanges = users.pendingRoleChanges().stream()
                .sorted(Comparator.comparing(RoleChangeView::requestedAt)).toList();
        return Templates.admin(pages.page(rc, "Administration", "admin"), shown, search, all.size(), disposals,
                roleChanges, recent, notice, problem, form, ROLES);
    }

    private static Response done(String what, String subject) {
        return Response.seeOther(URI.create("/admin?done=" + what + "&subject=" + QueryString.encode(subject))).build();
    }

    private static String notice(String done, String subject) {
        if (done == null || subject == null) {
            return null;
        }
        return switch (done) {
            case "created" -> "User " + subject + " created.";
            case "disabled" -> "User " + subject + " disabled: they cannot sign in, and their open sessions have ended.";
            case "enabled" -> "User " + subject + " enabled again.";
            case "password" -> "The password of " + subject + " was replaced; the old one no longer works.";
            case "requested" -> "Disposal of document " + subject + " requested. A different admin must approve it.";
            case "approved" -> "Document " + subject + " disposed of; its tombstone is below.";
            case "disposal-rejected" -> "Disposal request " + subject + " rejected; the document stays.";
            case "disposal-withdrawn" -> "Disposal request " + subject + " withdrawn; the document stays.";
            case "roles" -> "The roles of " + subject + " were changed.";
            case "roles-requested" -> "Granting admin to " + subject + " waits for a second admin's approval (below).";
            case "roles-rejected" -> "Role change " + subject + " rejected; the roles stay as they were.";
            case "roles-withdrawn" -> "Role change " + subject + " withdrawn; the roles stay as they were.";
            default -> null;
        };
    }
}
