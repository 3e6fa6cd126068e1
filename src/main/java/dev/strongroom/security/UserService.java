package dev.strongroom.security;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
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

/** Creates and lists users; creates the first admin when the catalog has none. */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);
    static final String FIRST_ADMIN = "admin";
    static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

    private final PasswordHasher hasher;
    private final Auditor auditor;
    private final VaultConfig config;

    public UserService(PasswordHasher hasher, Auditor auditor, VaultConfig config) {
        this.hasher = hasher;
        this.auditor = auditor;
        this.config = config;
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
