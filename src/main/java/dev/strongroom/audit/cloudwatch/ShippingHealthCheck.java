package dev.strongroom.audit.cloudwatch;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Audit shipping health under /q/health/well: DOWN when shipping is off, or the oldest unshipped
 * event is older than strongroom.audit.cloudwatch.max-lag. A wellness check like backup's: loud,
 * but it keeps the vault in the load balancer, since the journal keeps every event meanwhile.
 */
@Wellness
@ApplicationScoped
public class ShippingHealthCheck implements HealthCheck {

    private final AuditShipping shipping;

    public ShippingHealthCheck(AuditShipping shipping) {
        this.shipping = shipping;
    }

    @Override
    public HealthCheckResponse call() {
        ShippingStatus status = shipping.status();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("audit-shipping")
                .withData("enabled", status.enabled()).withData("logGroup", status.logGroup())
                .withData("stream", status.stream()).withData("shippedSeq", status.shippedSeq())
                .withData("durableSeq", status.durableSeq()).withData("lagSeconds", status.lagSeconds());
        if (status.lastError() != null) {
            health.withData("lastError", status.lastError());
        }
        if (!status.enabled()) {
            return health.down().withData("problem", "audit shipping to CloudWatch Logs is off").build();
        }
        if (status.lagSeconds() > status.maxLagSeconds()) {
            return health.down().withData("problem", "the oldest unshipped audit event waits for "
                    + status.lagSeconds() + " s, more than " + status.maxLagSeconds() + " s").build();
        }
        return health.up().build();
    }
}
