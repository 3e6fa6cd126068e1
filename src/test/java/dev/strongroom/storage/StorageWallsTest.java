package dev.strongroom.storage;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The storage seam stays a seam: storage knows nothing of the capabilities that use it (only the
 * AWS client producers), and the audit trail's digests reach the bucket through it, not through backup.
 */
class StorageWallsTest {

    private static final JavaClasses VAULT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.strongroom");

    @Test
    void storageDependsOnNoCapability() {
        classes().that().resideInAPackage("dev.strongroom.storage..").should().onlyDependOnClassesThat(
                resideOutsideOfPackage("dev.strongroom..").or(resideInAnyPackage("dev.strongroom.storage..",
                        "dev.strongroom.aws..")))
                .because("a backup target is one class plus configuration, whoever writes to it")
                .check(VAULT);
    }

    @Test
    void auditDoesNotReachIntoBackup() {
        noClasses().that().resideInAPackage("dev.strongroom.audit..").should().dependOnClassesThat()
                .resideInAPackage("dev.strongroom.backup..")
                .because("audit digests and recovery read and write the bucket through storage")
                .check(VAULT);
    }
}
