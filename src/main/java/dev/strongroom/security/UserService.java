package dev.strongroom.security;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.GatedWrite;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.WriteGate;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.writeahead.Intent;
import dev.strongroom.writeahead.JournaledIntent;
import dev.strongroom.writeahead.RowLock;
import dev.strongroom.writeahead.WriteAhead;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Creates, lists, disables and re-enables users, resets their passwords and changes their roles
 * (granting admin needs a second admin); creates the first admin when the catalog has none. Every
 * change is written ahead ({@link WriteAhead}) with the user as its subject, and a changed user's
 * remembered HTTP Basic password is forgotten at once ({@link UserChanges}).
 */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);
    /** The admin made at first start; the admin page asks for its name to be typed before disabling it. */
    public static final String FIRST_ADMIN = "admin";
    static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

    private final PasswordHasher hasher;
    private final Auditor auditor;
    private final VaultConfig config;
    private final WriteAhead changes;
    private final WriteGate gate;

    public UserService(PasswordHasher hasher, Auditor auditor, VaultConfig config, WriteAhead changes, WriteGate gate) {
        this.hasher = hasher;
        this.auditor = auditor;
        this.config = config;
        this.changes = changes;
        this.gate = gate;
    }

    void createFirstAdmin(@Observes @Priority(20) StartupEvent event) {
        boolean empty = QuarkusTransaction.requiringNew().call(() -> VaultUser.count() == 0);
        if (!empty) {
            return;
        }
        String password = config.adminPassword().filter(p -> !p.isBlank()).orElseGet(() -> {
            String generated = generatePassword();
            writeInitialPassword(generated);
            LOG.warnf("Created the first admin user 'admin' with the generated password %s (also in %s; "
                    + "delete that file once you have signed in)", generated,
                    config.dataDir().resolve(INITIAL_PASSWORD_FILE));
            return generated;
        });
        insert(FIRST_ADMIN, hasher.hash(password), Set.of(Roles.ADMIN), "system", Map.of("reason", "first start"));
    }

    public UserView create(NewUser request, String createdBy) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        String hash = hasher.hash(request.password());
        return insert(request.username(), hash, request.roles(), createdBy, Map.of());
    }

    private UserView insert(String username, String passwordHash, Set<String> roles, String createdBy,
            Map<String, String> more) {
        UserChange kind = UserChange.CREATE;
        return changes.run(subject(username), () -> {
            if (QuarkusTransaction.requiringNew().call(() -> VaultUser.findById(username)) != null) {
                auditor.record(kind, subject(username), Outcome.REJECTED, Map.of("reason", "exists"));
                throw exists(username);
            }
            Map<String, Object> facts = new LinkedHashMap<>(more);
            facts.put(UserChanges.ROLES, VaultUser.joinRoles(roles));
            facts.put("createdBy", createdBy);
            facts.put("createdAt", Instant.now());
            return new Intent(kind, subject(username), facts);
        }, intent -> {
            if (RowLock.lock("vault_user", "username", username)) {
                throw exists(username);
            }
            VaultUser user = UserChanges.user(intent, passwordHash);
            user.persist();
            return UserView.of(user);
        });
    }

    public List<UserView> list() {
        List<UserView> users = QuarkusTransaction.requiringNew()
                .call(() -> VaultUser.<VaultUser>listAll().stream().map(UserView::of).toList());
        auditor.record(SecurityAction.USER_LIST, "users", Outcome.SUCCESS, Map.of("count", users.size()));
        return users;
    }

    /**
     * Stops a user from signing in; their open browser sessions end at their next request. An admin
     * cannot disable their own account, so the vault cannot lose its last admin this way.
     */
    public UserView disable(String username, String admin) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        if (username.equals(admin)) {
            auditor.record(UserChange.DISABLE, subject(username), Outcome.REJECTED,
                    Map.of("reason", "own account"));
            throw ProblemException.conflict(ProblemType.CANNOT_DISABLE_SELF,
                    "You cannot disable your own account; another admin can", Map.of());
        }
        return setDisabled(username, true, UserChange.DISABLE);
    }

    public UserView enable(String username) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        return setDisabled(username, false, UserChange.ENABLE);
    }

    /** Replaces a user's password; the old one stops working at once, including for HTTP Basic clients. */
    public UserView resetPassword(String username, String password) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        if (password == null || password.length() < 12 || password.length() > 256) {
            throw ProblemException.badRequest(ProblemType.INVALID_PASSWORD, "password: must be 12 to 256 characters");
        }
        String hash = hasher.hash(password);
        return change(username, UserChange.PASSWORD_RESET, Map.of(), user -> user.passwordHash = hash);
    }

    /**
     * Gives a user new roles. Roles that grant admin to someone who is not one wait for a second admin
     * ({@link #approveRoles}); any other change applies at once. No admin changes their own roles.
     */
    public RoleChangeResult changeRoles(String username, Set<String> roles, String admin) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        if (username.equals(admin)) {
            auditor.record(UserChange.ROLES_CHANGE, subject(username), Outcome.REJECTED,
                    Map.of("reason", "own account"));
            throw ProblemException.conflict(ProblemType.CANNOT_CHANGE_OWN_ROLES,
                    "You cannot change your own roles; another admin can", Map.of());
        }
        String joined = VaultUser.joinRoles(roles);
        Instant requestedAt = Instant.now();
        return changes.run(subject(username), () -> {
            VaultUser user = existing(username, UserChange.ROLES_CHANGE);
            if (!grantsAdmin(user, roles)) {
                return new Intent(UserChange.ROLES_CHANGE, subject(username),
                        Map.of(UserChanges.ROLES, joined, "previousRoles", user.roles));
            }
            if (QuarkusTransaction.requiringNew().call(() -> RoleChangeRequest.count("username", username)) > 0) {
                auditor.record(UserChange.ROLES_REQUEST, subject(username), Outcome.REJECTED,
                        Map.of("reason", "already requested"));
                throw roleChangePending(username);
            }
            return new Intent(UserChange.ROLES_REQUEST, subject(username), Map.of(UserChanges.REQUEST_ID,
                    UUID.randomUUID().toString(), UserChanges.ROLES, joined, "previousRoles", user.roles,
                    "requestedBy", admin, "requestedAt", requestedAt));
        }, intent -> {
            VaultUser user = locked(username);
            if (intent.kind() == UserChange.ROLES_REQUEST) {
                if (RoleChangeRequest.count("username", username) > 0) {
                    throw roleChangePending(username);
                }
                RoleChangeRequest request = UserChanges.request(intent);
                request.persist();
                return new RoleChangeResult(null, RoleChangeView.of(request));
            }
            if (grantsAdmin(user, roles)) {
                throw ProblemException.conflict(ProblemType.ROLES_CHANGED, "User '" + username + "' lost the admin role "
                        + "while this change was prepared; granting it again needs a second admin", Map.of());
            }
            user.roles = joined;
            return new RoleChangeResult(UserView.of(user), null);
        });
    }

    /** The second admin's step: applies the waiting role change. */
    public UserView approveRoles(String requestId, String admin) {
        gate.requireWritable(GatedWrite.USER_CHANGE);
        UserChange kind = UserChange.ROLES_APPROVE;
        String username = waiting(requestId, kind).username;
        return changes.run(subject(username), () -> {
            RoleChangeRequest request = waiting(requestId, kind);
            refuseIfNotAllowed(TwoPersonStep.APPROVE, request, admin, kind);
            return new Intent(kind, subject(username), Map.of(UserChanges.REQUEST_ID, requestId, UserChanges.ROLES,
                    request.roles, "requestedBy", request.requestedBy, "approvedBy", admin));
        }, intent -> {
            lockedRequest(intent).delete();
            VaultUser user = locked(username);
            user.roles = intent.fact(UserChanges.ROLES);
            return UserView.of(user);
        });
    }

    /** A second admin turns a waiting role change down. */
    public RoleChangeDecision rejectRoles(String requestId, String admin, String reason) {
        return decide(requestId, admin, reason, TwoPersonStep.REJECT, UserChange.ROLES_REJECT);
    }

    /** The requesting admin takes a waiting role change back. */
    public RoleChangeDecision withdrawRoles(String requestId, String admin, String reason) {
        return decide(requestId, admin, reason, TwoPersonStep.WITHDRAW, UserChange.ROLES_WITHDRAW);
    }

    public List<RoleChangeView> pendingRoleChanges() {
        return QuarkusTransaction.requiringNew().call(
                () -> RoleChangeRequest.<RoleChangeRequest>listAll().stream().map(RoleChangeView::of).toList());
    }

    private RoleChangeDecision decide(String requestId, String admin, String reason, TwoPersonStep step,
            UserChange kind) {
        String username = waiting(requestId, kind).username;
        Instant decidedAt = Instant.now();
        return changes.run(subject(username), () -> {
            RoleChangeRequest request = waiting(requestId, kind);
            refuseIfNotAllowed(step, request, admin, kind);
            return new Intent(kind, subject(username), Map.of(UserChanges.REQUEST_ID, requestId, UserChanges.ROLES,
                    request.roles, "requestedBy", request.requestedBy, "decidedBy", admin, "decidedAt", decidedAt,
                    "reason", reason == null ? "" : reason));
        }, intent -> {
            RoleChangeRequest request = lockedRequest(intent);
            RoleChangeDecision decision = RoleChangeDecision.of(request, step.decision(), admin, decidedAt, reason);
            request.delete();
            return decision;
        });
    }

    private UserView setDisabled(String username, boolean disabled, UserChange kind) {
        return change(username, kind, Map.of(), user -> user.disabled = disabled);
    }

    /** A change to one existing user's row, written ahead. */
    private UserView change(String username, UserChange kind, Map<String, ?> facts,
            Consumer<VaultUser> apply) {
        return changes.run(subject(username), () -> {
            existing(username, kind);
            return new Intent(kind, subject(username), facts);
        }, intent -> {
            VaultUser user = locked(username);
            apply.accept(user);
            return UserView.of(user);
        });
    }

    private static boolean grantsAdmin(VaultUser user, Set<String> roles) {
        return roles.contains(Roles.ADMIN) && !user.roleSet().contains(Roles.ADMIN);
    }

    private static String subject(String username) {
        return "user/" + username;
    }

    private VaultUser existing(String username, UserChange kind) {
        VaultUser user = QuarkusTransaction.requiringNew().call(() -> VaultUser.<VaultUser>findById(username));
        if (user == null) {
            auditor.record(kind, subject(Problems.clip(username)), Outcome.REJECTED,
                    Map.of("reason", "no such user"));
            throw noSuchUser(username);
        }
        return user;
    }

    /** Inside a change's transaction: the user's row, locked until the commit. */
    private static VaultUser locked(String username) {
        if (!RowLock.lock("vault_user", "username", username)) {
            throw noSuchUser(username);
        }
        return VaultUser.findById(username);
    }

    private void refuseIfNotAllowed(TwoPersonStep step, RoleChangeRequest request, String admin, UserChange kind) {
        step.require(request.requestedBy, admin, "grant of admin", reason -> auditor.record(kind,
                subject(request.username), Outcome.DENIED, Map.of("reason", reason)));
    }

    private RoleChangeRequest waiting(String requestId, UserChange kind) {
        RoleChangeRequest request = QuarkusTransaction.requiringNew()
                .call(() -> RoleChangeRequest.<RoleChangeRequest>findById(requestId));
        if (request == null) {
            auditor.record(kind, "role-change/" + Problems.clip(requestId), Outcome.REJECTED,
                    Map.of("reason", "not pending"));
            throw ProblemException.notFound("No waiting role change " + Problems.clip(requestId)
                    + " (it may have been approved, rejected or withdrawn)");
        }
        return request;
    }

    private static RoleChangeRequest lockedRequest(JournaledIntent intent) {
        String requestId = intent.fact(UserChanges.REQUEST_ID);
        if (!RowLock.lock("role_change_request", "id", requestId)) {
            throw ProblemException.conflict(ProblemType.ROLE_CHANGE_DECIDED, "Role change " + requestId
                    + " was decided by another admin first", Map.of());
        }
        return RoleChangeRequest.findById(requestId);
    }

    private static ProblemException noSuchUser(String username) {
        return ProblemException.notFound("No user '" + Problems.clip(username) + "'");
    }

    private static ProblemException exists(String username) {
        return ProblemException.conflict(ProblemType.USER_EXISTS, "User '" + username + "' already exists", Map.of());
    }

    private static ProblemException roleChangePending(String username) {
        return ProblemException.conflict(ProblemType.ROLE_CHANGE_PENDING, "A role change for '" + username
                + "' already waits for a second admin; approve, reject or withdraw it first", Map.of());
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void writeInitialPassword(String password) {
        Path file = config.dataDir().resolve(INITIAL_PASSWORD_FILE);
        try {
            Files.createDirectories(config.dataDir());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
