package dev.strongroom.jobs;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The job runner serves every capability, so it may know none of them: of the vault's own code it
 * uses only {@code dev.strongroom.http}, for the problems it answers with.
 */
class JobsDependOnHttpOnlyTest {

    @Test
    void jobClassesUseNoVaultCodeButHttp() {
        JavaClasses jobs = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.strongroom.jobs");
        noClasses().that().resideInAPackage("dev.strongroom.jobs..")
                .should().dependOnClassesThat(resideInAPackage("dev.strongroom..")
                        .and(not(resideInAnyPackage("dev.strongroom.jobs..", "dev.strongroom.http.."))))
                .check(jobs);
    }
}
