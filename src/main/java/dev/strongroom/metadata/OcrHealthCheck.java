package dev.strongroom.metadata;

import dev.strongroom.metadata.extract.Status;
import dev.strongroom.metadata.extract.Tesseract;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * OCR under /q/health/well (and so on the operations page): DOWN, with the reason and the number of
 * documents waiting, when OCR is on but Tesseract is missing or broken. Loud, but it does not take the vault out of
 * the load balancer: uploads and downloads do not need OCR.
 */
@Wellness
@ApplicationScoped
public class OcrHealthCheck implements HealthCheck {

    private final OcrEngine engine;
    private final MetadataCatalog catalog;

    public OcrHealthCheck(OcrEngine engine, MetadataCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        OcrEngine.Status status = engine.status();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("ocr")
                .withData("checkedAt", status.checkedAt().toString())
                .withData("waitingForOcr", catalog.countOcrPending());
        status.probe().tesseract().ifPresent(t -> health.withData("engine", t.version())
                .withData("languages", t.languages()));
        if (status.available() || !status.enabled()) {
            // Switched off on purpose is not a fault; the number waiting still shows.
            return health.up().withData("enabled", status.enabled()).build();
        }
        return health.down().withData("problem", status.problem()).build();
    }
}
