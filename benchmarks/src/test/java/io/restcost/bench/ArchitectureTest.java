package io.restcost.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.restcost.bench.results.Results;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' layers, held as rules: the harness (load, runs, results, reports, server CPU,
 * balance, compare) is a library under the command line, which alone names flags and uses
 * picocli; no packages import each other in a loop; and results are read back typed, through
 * one reader.
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

    /** A JsonNode read: a field looked up by name or path, or a value taken out. */
    private static final Set<String> JSON_READS = Set.of("path", "get", "at", "findValue", "fields", "fieldNames", "elements",
            "asText", "asLong", "asInt", "asDouble", "asBoolean", "textValue", "longValue", "intValue", "doubleValue", "has");

    @Test
    void resultsAreReadTypedThroughTheOneReader() {
        noClasses().that().doNotHaveFullyQualifiedName(Results.class.getName())
                .should().callMethodWhere(DescribedPredicate.describe("a JsonNode read by field name (" + JSON_READS + ")",
                        (JavaCall<?> call) -> call.getTargetOwner().isAssignableTo(JsonNode.class) && JSON_READS.contains(call.getName())))
                .because("a renamed field must break the build, not a report at run time: read results through "
                        + "io.restcost.bench.results.Results into the records that wrote them")
                .check(classes);
    }
}
