package io.restcost.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * client-lib's public face, held as rules: the API packages hold only API, their signatures
 * never name an internal type, module-info exports exactly them, and no packages import each
 * other in a loop.
 */
class ArchitectureTest {

    static final Set<String> API_PACKAGES = Set.of("io.restcost.client", "io.restcost.client.adapter", "io.restcost.client.auth",
            "io.restcost.client.event", "io.restcost.client.http", "io.restcost.client.session", "io.restcost.client.tls");

    /** What an application uses: a type added here is a decision, not an accident. */
    static final Set<String> API_TYPES = Set.of(
            "io.restcost.client.RestClient", "io.restcost.client.RestClientBuilder", "io.restcost.client.Engine",
            "io.restcost.client.adapter.DropInRotation", "io.restcost.client.adapter.DropInRotation$Builder",
            "io.restcost.client.auth.Auth", "io.restcost.client.auth.Auth$None", "io.restcost.client.auth.Auth$ClientCertificate",
            "io.restcost.client.auth.Auth$Basic", "io.restcost.client.auth.Auth$Ltpa",
            "io.restcost.client.auth.LoginFailedException", "io.restcost.client.auth.InsecureCookieException",
            "io.restcost.client.event.RestClientListener", "io.restcost.client.event.SessionInfo", "io.restcost.client.event.CloseReason",
            "io.restcost.client.http.Origin", "io.restcost.client.http.HostResolver", "io.restcost.client.http.HttpVersion", "io.restcost.client.http.RestRequest", "io.restcost.client.http.RestRequest$Builder",
            "io.restcost.client.http.RestResponse",
            "io.restcost.client.session.SessionPolicy", "io.restcost.client.session.SessionPolicy$Builder",
            "io.restcost.client.session.PolicyKind", "io.restcost.client.session.RotationLimits", "io.restcost.client.session.Ticker",
            "io.restcost.client.tls.TlsOptions", "io.restcost.client.tls.TlsOptions$Builder", "io.restcost.client.tls.TlsResumption",
            "io.restcost.client.tls.TlsProvider");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.restcost.client");
    }

    private static final DescribedPredicate<JavaClass> IN_API = DescribedPredicate.describe("in an API package",
            c -> API_PACKAGES.contains(c.getPackageName()));

    @Test
    void theApiPackagesHoldOnlyTheApi() {
        Set<String> publicTypes = classes.stream().filter(IN_API)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isAnonymousClass())
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(API_TYPES);
    }

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() {
        classes().that(IN_API).and().arePublic().should(exposeNoInternalType()).check(classes);
    }

    @Test
    void onlyTheClientsAndTheirBuildersReachIntoTheInternals() {
        noClasses().that(IN_API).and().doNotHaveFullyQualifiedName("io.restcost.client.RestClient")
                .and().doNotHaveFullyQualifiedName("io.restcost.client.RestClientBuilder")
                .and().doNotHaveFullyQualifiedName("io.restcost.client.adapter.DropInRotation")
                .should().dependOnClassesThat().resideInAPackage("io.restcost.client.internal..")
                .check(classes);
    }

    @Test
    void noPackagesImportEachOtherInALoop() {
        slices().matching("io.restcost.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void moduleInfoExportsExactlyTheApiPackages() {
        ModuleDescriptor module = ModuleFinder.of(Path.of("target", "classes")).find("io.restcost.client")
                .orElseThrow(() -> new AssertionError("no module io.restcost.client in target/classes")).descriptor();
        Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).isEqualTo(API_PACKAGES);
        assertThat(module.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        // Everything else is internal, and named so.
        assertThat(module.packages()).allSatisfy(p ->
                assertThat(API_PACKAGES.contains(p) || p.startsWith("io.restcost.client.internal")).as(p).isTrue());
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type from io.restcost.client.internal in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    if (!unit.getModifiers().contains(JavaModifier.PUBLIC) && !unit.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    List<JavaClass> named = new ArrayList<>(unit.getRawParameterTypes());
                    named.add(unit.getRawReturnType());
                    named.addAll(unit.getExceptionTypes());
                    for (JavaClass t : named) {
                        if (t.getPackageName().startsWith("io.restcost.client.internal")) {
                            leaks.add(unit.getFullName() + " names " + t.getName());
                        }
                    }
                }
                for (JavaField f : c.getFields()) {
                    if (f.getModifiers().contains(JavaModifier.PUBLIC) && f.getRawType().getPackageName().startsWith("io.restcost.client.internal")) {
                        leaks.add(f.getFullName() + " is of " + f.getRawType().getName());
                    }
                }
                if (leaks.isEmpty()) {
                    events.add(SimpleConditionEvent.satisfied(c, c.getName() + " exposes no internal type"));
                } else {
                    leaks.forEach(l -> events.add(SimpleConditionEvent.violated(c, l)));
                }
            }
        };
    }
}
