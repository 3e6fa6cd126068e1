package dev.strongroom.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.List;

/**
 * The package walls, as rules over a root package: {@code dev.strongroom} for the vault
 * ({@link ArchitectureTest}), a planted violation under {@code fixture} to show that each rule fails when
 * broken ({@link ArchitectureRulesCatchViolationsTest}). docs/architecture.md explains each rule.
 */
final class PackageRules {

    /**
     * Packages below every capability: what every resource shares ({@code http}), the AWS clients
     * ({@code aws}) and signing keys as values ({@code signing}). They may use one another, never a
     * capability.
     */
    static final List<String> FOUNDATION = List.of("http", "aws", "signing", "storage", "jobs");

    /** Frameworks a plain Java Lambda does not have. */
    private static final String[] SERVICE_FRAMEWORKS = { "io.quarkus..", "jakarta..", "org.jboss..",
        "io.smallrye..", "io.vertx..", "org.hibernate.." };

    private final String root;

    PackageRules(String root) {
        this.root = root;
    }

    /** No cycle between top-level packages. */
    ArchRule noPackageCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** The root package (the entry point, vault-wide settings and start-up order) uses no package under it. */
    ArchRule rootDependsOnNoPackageBelowIt() {
        return noClasses().that().resideInAPackage(root).should().dependOnClassesThat()
                .resideInAPackage(root + ".(*)..");
    }

    /** Foundation packages depend on the root package and on one another, never on a capability. */
    ArchRule foundationDependsOnNoCapability() {
        String[] foundation = FOUNDATION.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(foundation).should().dependOnClassesThat(
                resideInAPackage(root + ".(*)..").and(not(resideInAnyPackage(foundation))));
    }

    /**
     * The metadata extractor runs inside a plain Java Lambda (the zip holds its package and the Lambda
     * handler's): no Quarkus, CDI, JAX-RS, JPA or JBoss logging, and nothing of the service's packages.
     */
    ArchRule extractorIsPlainJava() {
        String[] lambdaSide = lambdaSide();
        return noClasses().that().resideInAnyPackage(lambdaSide).should().dependOnClassesThat(
                resideInAnyPackage(SERVICE_FRAMEWORKS).or(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(lambdaSide)))));
    }

    /** REST resources and pages belong to a capability: none in the root or a foundation package. */
    ArchRule noResourceInTheFoundation() {
        String[] foundation = FOUNDATION.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
        String[] below = Arrays.copyOf(foundation, foundation.length + 1);
        below[foundation.length] = root;
        return noClasses().that().resideInAnyPackage(below).should().beAnnotatedWith("jakarta.ws.rs.Path");
    }

    /** Every start-up step declares its place in the order ({@code StartupOrder}); the text check is the test's. */
    ArchRule startupObserversDeclareTheirOrder() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and().haveRawParameterTypes("io.quarkus.runtime.StartupEvent")
                .should(annotateTheParameterWith("jakarta.annotation.Priority"));
    }

    /** Nothing depends on the web pages: they sit on top and call services. */
    ArchRule nothingDependsOnThePages() {
        return classes().that().resideInAPackage(root + ".web..").should().onlyHaveDependentClassesThat()
                .resideInAPackage(root + ".web..");
    }

    /**
     * The catalog owns its entities: other capabilities read and change documents through the catalog's
     * services, which hand out copies, so no query or field write on the catalog's tables lives elsewhere.
     */
    ArchRule catalogOwnsItsEntities() {
        return noClasses().that().resideOutsideOfPackage(root + ".catalog..").should().dependOnClassesThat(
                resideInAPackage(root + ".catalog..").and(annotatedWith("jakarta.persistence.Entity")));
    }

    private String[] lambdaSide() {
        return new String[] { root + ".metadata.extract..", root + ".metadata.lambda..",
            root + ".metadata.statement.." };
    }

    private static ArchCondition<JavaMethod> annotateTheParameterWith(String annotation) {
        return new ArchCondition<>("annotate their StartupEvent parameter with @" + annotation) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean annotated = method.getParameters().stream()
                        .filter(p -> p.getRawType().getName().equals("io.quarkus.runtime.StartupEvent"))
                        .allMatch(p -> p.isAnnotatedWith(annotation));
                if (!annotated) {
                    events.add(SimpleConditionEvent.violated(method,
                            method.getFullName() + " observes StartupEvent without a @Priority"));
                }
            }
        };
    }
}
