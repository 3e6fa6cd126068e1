package dev.strongroom.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link ArchitectureTest} holds, applied to a planted violation of each ({@code fixture}): a rule
 * that passed on anything would hold no wall. Each must fail, and say what broke it.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final PackageRules RULES = new PackageRules("dev.strongroom.architecture.fixture");
    private static JavaClasses fixture;

    @BeforeAll
    static void importTheFixture() {
        fixture = new ClassFileImporter().importPackages("dev.strongroom.architecture.fixture");
    }

    @Test
    void aCycleBetweenTwoPackagesFails() {
        assertFailsNaming(RULES.noPackageCycles(), "Shelf");
    }

    @Test
    void theRootPackageReachingIntoACapabilityFails() {
        assertFailsNaming(RULES.rootDependsOnNoPackageBelowIt(), "Entry");
    }

    @Test
    void aFoundationPackageImportingACapabilityFails() {
        assertFailsNaming(RULES.foundationDependsOnNoCapability(), "Leaky");
    }

    @Test
    void aLambdaSideClassUsingJbossLoggingFails() {
        assertFailsNaming(RULES.extractorIsPlainJava(), "org.jboss.logging.Logger");
    }

    @Test
    void aResourceInAFoundationPackageFails() {
        assertFailsNaming(RULES.noResourceInTheFoundation(), "LeakyApi");
    }

    @Test
    void aCapabilityDependingOnAPageFails() {
        assertFailsNaming(RULES.nothingDependsOnThePages(), "Shelf");
    }

    @Test
    void aStartupStepWithoutItsOrderFails() {
        assertFailsNaming(RULES.startupObserversDeclareTheirOrder(), "atStart");
    }

    @Test
    void aCapabilityReadingTheCatalogsEntityFails() {
        assertFailsNaming(RULES.catalogOwnsItsEntities(), "Ledger");
    }

    private static void assertFailsNaming(ArchRule rule, String offender) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(fixture));
        assertTrue(failure.getMessage().contains(offender), failure.getMessage());
    }
}
