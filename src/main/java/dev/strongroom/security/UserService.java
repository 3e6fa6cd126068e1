package dev.strongroom.security;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.Problems;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates, lists, disables and re-enables users and resets their passwords; creates the first admin
 * when the catalog has none. Every change is audited, and a changed user's remembered HTTP Basic
 * password is forgotten at once.
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
    private final VaultIdentityProvider identities;

    public UserService(PasswordHasher hasher, Auditor auditor, VaultConfig config, VaultIdentityProvider identities) {
        this.hasher = hasher;
        this.auditor = auditor;
        this.config = config;
        this.identities = identities;
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
        insert(FIRST_ADMIN, password, Set.of(Roles.ADMIN), "system");
        auditor.record("user.create", "user/" + FIRST_ADMIN, Auditor.SUCCESS,
                Map.of("roles", Roles.ADMIN, "reason", "first start"));
    }

    public UserView create(NewUser request, String createdBy) {
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            if (VaultUser.findById(request.username()) != null) {
                return false;
            }
            insert(request.username(), request.password(), request.roles(), createdBy);
            return true;
        });
        if (!created) {
            auditor.record("user.create", "user/" + request.username(), Auditor.REJECTED,
                    Map.of("reason", "exists"));
            throw ProblemException.conflict("user-exists", "User '" + request.username() + "' already exists", Map.of());
        }
        auditor.record("user.create", "user/" + request.username(), Auditor.SUCCESS,
                Map.of("roles", VaultUser.joinRoles(request.roles())));
        return QuarkusTransaction.requiringNew().call(() -> UserView.of(VaultUser.findById(request.username())));
    }

    public List<UserView> list() {
        List<UserView> users = QuarkusTransaction.requiringNew()
                .call(() -> VaultUser.<VaultUser>listAll().stream().map(UserView::of).toList());
        auditor.record("user.list", "users", Auditor.SUCCESS, Map.of("count", users.size()));
        return users;
    }

    /**
     * Stops a user from signing in; their open browser sessions end at their next request. An admin
     * cannot disable their own account, so the vault cannot lose its last admin this way.
     */
    public UserView disable(String username, String admin) {
        if (username.equals(admin)) {
            auditor.record("user.disable", "user/" + username, Auditor.REJECTED, Map.of("reason", "own account"));
            throw ProblemException.conflict("cannot-disable-self",
                    "You cannot disable your own account; another admin can", Map.of());
        }
        return setDisabled(username, true, "user.disable");
    }

    public UserView enable(String username) {
        return setDisabled(username, false, "user.enable");
    }

    /** Replaces a user's password; the old one stops working at once, including for HTTP Basic clients. */
    public UserView resetPassword(String username, String password) {
        if (password == null || password.length() < 12 || password.length() > 256) {
            throw ProblemException.badRequest("invalid-password", "password: must be 12 to 256 characters");
        }
        String hash = hasher.hash(password);
        UserView changed = QuarkusTransaction.requiringNew().call(() -> {
            VaultUser user = VaultUser.findById(username);
            if (user == null) {
                return null;
            }
            user.passwordHash = hash;
            return UserView.of(user);
        });
        if (changed == null) {
            auditor.record("user.password.reset", "user/" + Problems.clip(username), Auditor.REJECTED,
                    Map.of("reason", "no such user"));
            throw ProblemException.notFound("No user '" + Problems.clip(username) + "'");
        }
        identities.forget(username);
        auditor.record("user.password.reset", "user/" + username, Auditor.SUCCESS, Map.of());
        return changed;
    }

    private UserView setDisabled(String username, boolean disabled, String action) {
        UserView changed = QuarkusTransaction.requiringNew().call(() -> {
            VaultUser user = VaultUser.findById(username);
            if (user == null) {
                return null;
            }
            user.disabled = disabled;
            return UserView.of(user);
        });
        if (changed == null) {
            auditor.record(action, "user/" + Problems.clip(username), Auditor.REJECTED, Map.of("reason", "no such user"));
            throw ProblemException.notFound("No user '" + Problems.clip(username) + "'");
        }
        identities.forget(username);
        auditor.record(action, "user/" + username, Auditor.SUCCESS, Map.of());
        return changed;
    }

    private void insert(String username, String password, Set<String> roles, String createdBy) {
        QuarkusTransaction.joiningExisting().run(() -> {
            VaultUser user = new VaultUser();
            user.username = username;
            user.passwordHash = hasher.hash(password);
            user.roles = VaultUser.joinRoles(roles);
            user.createdAt = Instant.now();
            user.createdBy = createdBy;
            user.persist();
        });
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
