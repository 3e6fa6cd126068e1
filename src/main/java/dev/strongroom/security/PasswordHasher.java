package dev.strongroom.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt hashing and verification in Modular Crypt Format ({@code $2a$12$...}). */
@ApplicationScoped
public class PasswordHasher {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    private final int cost;
    /**
     * Verified against when the user does not exist, so that a wrong name costs as long as a wrong
     * password. Hashed on its own thread: on a first start this bean is made to hash the first admin's
     * password, and the decoy, one more bcrypt of the configured cost, need not hold the start up.
     */
    private final CompletableFuture<String> decoy;

    public PasswordHasher(SecurityConfig config) {
        this.cost = config.bcryptCost();
        this.decoy = CompletableFuture.supplyAsync(() -> BcryptUtil.bcryptHash("decoy-" + System.nanoTime(), cost),
                task -> {
                    Thread thread = new Thread(task, "password-decoy");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String storedHash) {
        try {
            Password stored = ModularCrypt.decode(storedHash == null ? decoy.join() : storedHash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            boolean ok = factory.verify(factory.translate(stored), password.toCharArray());
            return ok && storedHash != null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored password hash is unreadable", e);
        }
    }
}
