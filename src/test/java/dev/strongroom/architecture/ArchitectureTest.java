package dev.strongroom.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vault's package walls (docs/architecture.md, "Rules"), held on the compiled main classes. */
class ArchitectureTest {

    private static final PackageRules RULES = new PackageRules("dev.strongroom");
    private static JavaClasses vault;

    @BeforeAll
    static void importTheVault() {
        vault = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.strongroom");
    }

    @Test
    void packagesFormNoCycle() {
        RULES.noPackageCycles().check(vault);
    }

    @Test
    void theRootPackageUsesNoPackageBelowIt() {
        RULES.rootDependsOnNoPackageBelowIt().check(vault);
    }

    @Test
    void foundationPackagesDependOnNoCapability() {
        RULES.foundationDependsOnNoCapability().check(vault);
    }

    @Test
    void theLambdaSideOfMetadataIsPlainJava() {
        RULES.extractorIsPlainJava().check(vault);
    }

    @Test
    void resourcesBelongToCapabilities() {
        RULES.noResourceInTheFoundation().check(vault);
    }

    @Test
    void nothingDependsOnThePages() {
        RULES.nothingDependsOnThePages().check(vault);
    }

    @Test
    void theCatalogOwnsItsEntities() {
        RULES.catalogOwnsItsEntities().check(vault);
    }

    @Test
    void everyStartupStepDeclaresItsPriority() {
        RULES.startupObserversDeclareTheirOrder().check(vault);
    }

    /** Constants are inlined into the class files, so that the priority is a named step is read from the source. */
    @Test
    void everyStartupStepTakesItsPriorityFromStartupOrder() throws IOException {
        Pattern observer = Pattern.compile("@Observes\\b[^;{]*?\\bStartupEvent\\b");
        List<String> observers = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher found = observer.matcher(Files.readString(file));
                while (found.find()) {
                    observers.add(file.getFileName() + ": " + found.group());
                    if (!found.group().contains("@Priority(StartupOrder.")) {
                        bare.add(file.getFileName() + ": " + found.group());
                    }
                }
            }
        }
        assertTrue(observers.size() >= 20, observers.toString());
        assertEquals(List.of(), bare);
    }
}
