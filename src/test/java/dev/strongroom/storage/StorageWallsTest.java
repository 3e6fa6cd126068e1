package dev.strongroom.storage;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.strongroom.backup.BucketPostureCheck;
import dev.strongroom.backup.BucketPostureProbe;
import dev.strongroom.metadata.sync.MetadataSync;
import dev.strongroom.metadata.sync.SqsEventRunner;
import dev.strongroom.restore.RestoreCommand;
import dev.strongroom.statements.StatementSidecars;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

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

    /** The ones docs/architecture.md names, each with its reason; a new one is named there first. */
    private static final DescribedPredicate<JavaClass> LEFT_ON_THE_CLIENT = resideInAnyPackage("dev.strongroom.aws..",
            "dev.strongroom.storage..", "dev.strongroom.metadata.lambda..").or(belongToAnyOf(BucketPostureCheck.class,
                    BucketPostureProbe.class, SqsEventRunner.class, MetadataSync.class, StatementSidecars.class,
                    RestoreCommand.class));

    @Test
    void capabilitiesReachTheBucketOnlyThroughTheTarget() {
        noClasses().that(DescribedPredicate.not(LEFT_ON_THE_CLIENT)).should().dependOnClassesThat()
                .areAssignableTo(S3Client.class)
                .because("every read and write of backup objects goes through BackupTarget (issue 18)")
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
