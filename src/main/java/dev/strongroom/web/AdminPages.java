package dev.strongroom.web;

import dev.strongroom.http.ProblemException;
import dev.strongroom.retention.DisposalView;
import dev.strongroom.retention.RetentionService;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.NewUser;
import dev.strongroom.security.Roles;
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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Administration: users (create, disable, enable, reset password) and two-person disposal (request,
 * and approval by a different admin). Each action goes through the same service as the admin API,
 * so it is validated and audited the same way; success redirects back (post, redirect, get), a
 * refusal shows the page again with the vault's message.
 */
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
@CsrfChecked
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    static final int RECENT_TOMBSTONES = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(Page page, List<UserView> users, List<DisposalView> disposals,
                List<Tombstone> tombstones, String notice, String problem, NewUserForm form, List<String> roles);
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

    public AdminPages(PageContext pages, UserService users, RetentionService retention, Validator validator,
            SecurityIdentity identity) {
        this.pages = pages;
        this.users = users;
        this.retention = retention;
        this.validator = validator;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance show(RoutingContext rc, @RestQuery String done, @RestQuery String subject) {
        return page(rc, notice(done, subject), null, new NewUserForm("", Set.of(Roles.ANALYST)));
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
    public Response disable(RoutingContext rc, @RestPath String username) {
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
    public Response approve(RoutingContext rc, @RestPath String requestId) {
        Tombstone tombstone;
        try {
            tombstone = retention.approve(requestId, me());
        } catch (ProblemException e) {
            return refused(rc, e.status(), e.getMessage(), null);
        }
        return done("approved", tombstone.documentId);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private Response refused(RoutingContext rc, int status, String problem, NewUserForm form) {
        return Response.status(status).entity(page(rc, null, problem,
                form == null ? new NewUserForm("", Set.of(Roles.ANALYST)) : form)).build();
    }

    private TemplateInstance page(RoutingContext rc, String notice, String problem, NewUserForm form) {
        List<UserView> all = users.list().stream().sorted(Comparator.comparing(UserView::username)).toList();
        List<Tombstone> recent = retention.tombstones().stream()
                .sorted(Comparator.comparing((Tombstone t) -> t.disposedAt).reversed()).limit(RECENT_TOMBSTONES)
                .toList();
        List<DisposalView> pending = retention.pending().stream()
                .sorted(Comparator.comparing(DisposalView::requestedAt)).toList();
        return Templates.admin(pages.page(rc, "Administration", "admin"), all, pending, recent, notice, problem, form,
                List.copyOf(new LinkedHashSet<>(List.of(Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN))));
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
            default -> null;
        };
    }
}
