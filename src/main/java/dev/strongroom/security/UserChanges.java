package dev.strongroom.security;

import dev.strongroom.writeahead.ChangeHandler;
import dev.strongroom.writeahead.JournaledIntent;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What user changes do to the catalog, made from their journaled intents (the live change and its
 * remaking from the journal are the same code), and their effect beyond it: the user's remembered
 * HTTP Basic credentials are forgotten, so a new password, a disabled account or new roles count at
 * the next request.
 */
@ApplicationScoped
public class UserChanges implements ChangeHandler {

    static final String ROLES = "roles";
    static final String REQUEST_ID = "requestId";

    private final VaultIdentityProvider identities;
    private final PasswordHasher hasher;

    public UserChanges(VaultIdentityProvider identities, PasswordHasher hasher) {
        this.identities = identities;
        this.hasher = hasher;
    }

    @Override
    public List<UserChange> kinds() {
        return List.of(UserChange.values());
    }

    @Override
    public Map<String, String> finish(JournaledIntent intent) {
        identities.forget(intent.subjectId());
        return Map.of();
    }

    @Override
    public void remake(JournaledIntent intent, SortedMap<String, String> completion) {
        String username = intent.subjectId();
        switch ((UserChange) intent.kind()) {
            case CREATE -> {
                if (VaultUser.findById(username) == null) {
                    // The journal holds no password hash: a user remade from it alone signs in once an
                    // admin has reset the password.
                    user(intent, hasher.hash(unknowablePassword())).persist();
                }
            }
            case DISABLE, ENABLE -> VaultUser.update("disabled = ?1 where username = ?2",
                    intent.kind() == UserChange.DISABLE, username);
            case PASSWORD_RESET -> {
                // Nothing to remake: the new hash was never journaled.
            }
            case ROLES_CHANGE, ROLES_APPROVE -> VaultUser.update("roles = ?1 where username = ?2",
                    intent.fact(ROLES), username);
            case ROLES_REQUEST -> {
                // A later request for the same user may stand already: one waiting role change per user.
                if (RoleChangeRequest.count("username", username) == 0) {
                    request(intent).persist();
                }
            }
            case ROLES_REJECT, ROLES_WITHDRAW -> RoleChangeRequest.deleteById(intent.fact(REQUEST_ID));
        }
        if (intent.kind() == UserChange.ROLES_APPROVE) {
            RoleChangeRequest.deleteById(intent.fact(REQUEST_ID));
        }
    }

    /** The user a {@link UserChange#CREATE} intent describes, with the given password hash. */
    static VaultUser user(JournaledIntent intent, String passwordHash) {
        VaultUser user = new VaultUser();
        user.username = intent.subjectId();
        user.passwordHash = passwordHash;
        user.roles = intent.fact(ROLES);
        user.createdAt = Instant.parse(intent.fact("createdAt"));
        user.createdBy = intent.fact("createdBy");
        return user;
    }

    static RoleChangeRequest request(JournaledIntent intent) {
        RoleChangeRequest request = new RoleChangeRequest();
        request.id = intent.fact(REQUEST_ID);
        request.username = intent.subjectId();
        request.roles = intent.fact(ROLES);
        request.requestedBy = intent.fact("requestedBy");
        request.requestedAt = Instant.parse(intent.fact("requestedAt"));
        return request;
    }

    private static String unknowablePassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
