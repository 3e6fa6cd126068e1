package dev.strongroom.catalog;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides what the PostgreSQL pass runs: every {@code @QuarkusTest} (each starts a vault with its
 * catalog) but those marked {@link H2PassOnly}; plain unit tests touch no catalog and ran in the H2 pass
 * already. On a machine without
 * PostgreSQL 15 (a developer's laptop) the pass is skipped with its reason;
 * {@link PostgresCatalogSession} fails the run instead when {@code CI=true}. Registered for every
 * test through the JUnit extension auto-detection of the pom's postgresql execution.
 */
public class PostgresRequired implements ExecutionCondition {

    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";
    private static final String H2_PASS_ONLY = H2PassOnly.class.getName();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (PostgresCatalogSession.wanted() && System.getProperty(PostgresCatalogSession.BASE_URL) == null) {
            return ConditionEvaluationResult.disabled("PostgreSQL 15 is not installed at " + PostgresCluster.BIN
                    + ": the catalog tests ran on H2 only (apt-get install postgresql-15 to run them on PostgreSQL)");
        }
        if (PostgresCatalogSession.wanted() && context.getTestClass().map(c -> !startsAVault(c)).orElse(false)) {
            return ConditionEvaluationResult.disabled("no catalog in this test: it runs in the H2 pass only");
        }
        if (PostgresCatalogSession.wanted()) {
            String reason = context.getTestClass().flatMap(PostgresRequired::h2PassOnly).orElse(null);
            if (reason != null) {
                return ConditionEvaluationResult.disabled("runs in the H2 pass only: " + reason);
            }
        }
        return ConditionEvaluationResult.enabled("catalog tests run on " + System.getProperty(
                "quarkus.datasource.db-kind", "h2"));
    }

    /** By name: Quarkus loads test classes again in its own class loader, with its own annotation types. */
    private static boolean startsAVault(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Annotation a : c.getAnnotations()) {
                if (a.annotationType().getName().equals(QUARKUS_TEST)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reason of {@link H2PassOnly}, read by name for the same reason as {@link #startsAVault}. */
    private static Optional<String> h2PassOnly(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Annotation a : c.getAnnotations()) {
                if (a.annotationType().getName().equals(H2_PASS_ONLY)) {
                    try {
                        return Optional.of((String) a.annotationType().getMethod("value").invoke(a));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + a, e);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
