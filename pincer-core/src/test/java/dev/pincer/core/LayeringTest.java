package dev.pincer.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the layer rule of DESIGN.md: a package may use the packages above it, never below. */
class LayeringTest {

    /** The packages of pincer-core, top to bottom. */
    private static final List<String> LAYERS = List.of(
            "io",
            "diagnostics",
            "store",
            "audit",
            "manifest",
            "discovery",
            "config",
            "permissions",
            "resolve",
            "lifecycle",
            "registry",
            "hooks",
            "commands",
            "policy",
            "guards",
            "services",
            "runtime",
            "skills",
            "memory",
            "host",
            "check",
            "reload",
            "install",
            "agent");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pincer.core");

    @Test
    void packagesUseOnlyThePackagesAboveThem() {
        for (int i = 0; i < LAYERS.size(); i++) {
            String[] below = LAYERS.subList(i + 1, LAYERS.size()).stream()
                    .map(p -> "dev.pincer.core." + p + "..")
                    .toArray(String[]::new);
            if (below.length == 0) {
                continue;
            }
            ArchRule rule = ArchRuleDefinition.noClasses()
                    .that()
                    .resideInAPackage("dev.pincer.core." + LAYERS.get(i) + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(below);
            rule.check(CLASSES);
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.pincer.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
