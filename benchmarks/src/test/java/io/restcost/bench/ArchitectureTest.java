package io.restcost.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' layers, held as rules: the harness (load, runs, results, reports, server CPU,
 * balance, compare) is a library under the command line, which alone names flags and uses
 * picocli; and no packages import each other in a loop.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.restcost.bench");
    }

    @Test
    void noPackagesImportEachOtherInALoop() {
        slices().matching("io.restcost.bench.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theHarnessDoesNotReachUpIntoTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("io.restcost.bench.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.restcost.bench.cli..").check(classes);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.restcost.bench.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(classes);
    }
}
