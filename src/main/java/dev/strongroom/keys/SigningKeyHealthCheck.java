package dev.strongroom.keys;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The signing key under /q/health/well (and /q/health): DOWN while the key is missing (the vault signs
 * nothing, so takes no uploads), and DOWN when a bucket is configured but the key is not backed up to
 * it (no way to seal it, or writes failing). A wellness check like backup: loud, but reads and the rest
 * of the vault keep serving, so it does not take the vault out of the load balancer.
 */
@Wellness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {

    private final KeyCustody custody;

    public SigningKeyHealthCheck(KeyCustody custody) {
        this.custody = custody;
    }

    @Override
    public HealthCheckResponse call() {
        KeyCustody.Status status = custody.status();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("signing-key")
                .withData("state", status.state().name())
                .withData("keyId", String.valueOf(status.currentKeyId()))
                .withData("keys", status.history().keys().size())
                .withData("backedUp", status.backup().backedUp());
        if (status.backup().protection() != null) {
            health.withData("protection", status.backup().protection());
        }
        if (status.state() == KeyState.MISSING) {
            return health.down().withData("problem", "refusing to sign: " + status.problem()).build();
        }
        if (status.backup().bucketConfigured() && !status.backup().backedUp() && status.backup().problem() != null) {
            return health.down().withData("problem", status.backup().problem()).build();
        }
        if (status.backup().problem() != null) {
            health.withData("note", status.backup().problem());
        }
        return health.up().build();
    }
}
