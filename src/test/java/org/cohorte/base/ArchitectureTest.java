package org.cohorte.base;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.cohorte.archfixture.ArchitectureFixtures;
import org.cohorte.base.time.EngineClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

/**
 * What the README and CONTRIBUTING.md say about the code's shape, checked on the compiled main classes.
 * <ul>
 * <li>Features are the top-level packages under {@code org.cohorte}, read from the classes (not typed here), except
 * {@code base} (shared, knows no feature) and {@code shell} and {@code demo} (on top, nothing depends on them).
 * The work API ({@code org.cohorte.api}) counts as a feature that only calls the others' services.</li>
 * <li>Between features: a feature uses another's {@code service} package (services, records and DTOs) and its
 * {@code api} package (what it asks other features to implement), and from its {@code domain} only enums and
 * records: values that cannot write anything. Never another feature's JPA entities or repositories.</li>
 * <li>Inside a feature: {@code ui} → {@code service} → {@code domain}; {@code process} (delegates) → {@code service}
 * only; {@code domain} depends on no other layer; nothing below the screens knows them.</li>
 * <li>Camunda's internals ({@code org.camunda.bpm.engine.impl..}) only in {@code base.engine}, so a move to
 * Operaton (a package rename) or a Camunda change touches one small package.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String ROOT = "org.cohorte";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Not features: shared below everything, and the frame and demo data on top of everything. */
    private static final Set<String> NOT_FEATURES = Set.of("base", "shell", "demo");

    /** The one place allowed to touch the engine's internal classes. */
    private static final String ENGINE_ADAPTERS = "org.cohorte.base.engine..";

    private static final ArchRule ENGINE_INTERNALS_ONLY_IN_BASE_ENGINE = noClasses()
            .that().resideOutsideOfPackage(ENGINE_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
            .because("Camunda 7 CE has had its last release; its successor is a package rename away, and every "
                    + "use of the engine's internals outside one small package makes that move harder");

    static Set<String> features() {
        Set<String> features = new TreeSet<>();
        for (JavaPackage pkg : CLASSES.getPackage(ROOT).getSubpackages()) {
            if (!NOT_FEATURES.contains(pkg.getRelativeName())) {
                features.add(pkg.getRelativeName());
            }
        }
        return features;
    }

    @Test
    void features_are_read_from_the_packages() {
        // A guard that the derivation itself works: if it returned nothing, every rule below would pass vacuously.
        assertThat(features()).contains("identity", "community", "codevelopment", "incubator", "performance", "tasks",
                "api").doesNotContain("base", "shell", "demo");
    }

    @Test
    void features_have_no_cycles_between_them() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void base_depends_on_no_feature() {
        noClasses().that().resideInAPackage(ROOT + ".base..")
                .should().dependOnClassesThat().resideInAnyPackage(packagesOf(features()))
                .check(CLASSES);
    }

    @Test
    void nothing_depends_on_the_shell_or_the_demo_data() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".shell..", ROOT + ".demo..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".shell..", ROOT + ".demo..")
                .check(CLASSES);
    }

    @Test
    void features_reach_other_features_through_services_apis_and_values_only() {
        classes().that().resideInAnyPackage(packagesOf(features()))
                .should(useOtherFeaturesOnlyThroughServicesApisAndValues())
                .check(CLASSES);
    }

    @Test
    void nothing_but_the_screens_knows_the_screens() {
        // ui is the top layer of a feature: no service, delegate or entity of any feature depends on a view. The web
        // security configuration names the sign-in page (Vaadin's setLoginView), so it sits beside the screens.
        noClasses().that().resideInAnyPackage(packagesOf(features())).and().resideOutsideOfPackage("..ui..")
                .and().resideOutsideOfPackage(ROOT + ".identity.security..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".*.ui..")
                .check(CLASSES);
    }

    @Test
    void the_domain_depends_on_no_other_layer() {
        noClasses().that().resideInAPackage(ROOT + ".*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".*.service..", ROOT + ".*.process..",
                        ROOT + ".*.ui..", ROOT + ".*.security..", ROOT + ".*.web..", ROOT + ".*.api..", ROOT + ".api..")
                .check(CLASSES);
    }

    @Test
    void services_know_no_delegate() {
        noClasses().that().resideInAPackage(ROOT + ".*.service..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".*.process..")
                .check(CLASSES);
    }

    @Test
    void delegates_go_through_services_only() {
        // A delegate maps variables and calls a service: no repository, no entity of its own or another feature.
        noClasses().that().resideInAPackage(ROOT + ".*.process..")
                .should(touchEntitiesOrRepositories())
                .check(CLASSES);
    }

    @Test
    void screens_go_through_services_never_repositories() {
        noClasses().that().resideInAPackage(ROOT + ".*.ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(CLASSES);
    }

    @Test
    void the_work_api_calls_services_only() {
        noClasses().that().resideInAPackage(ROOT + ".api..")
                .should(touchEntitiesOrRepositories())
                .check(CLASSES);
    }

    @Test
    void engine_internals_stay_in_base_engine() {
        ENGINE_INTERNALS_ONLY_IN_BASE_ENGINE.check(CLASSES);
    }

    @Test
    void the_rules_fail_on_what_they_forbid() {
        // Fixtures in a test-only package: the rules must flag each breach and let its lawful twin through.
        assertThat(ENGINE_INTERNALS_ONLY_IN_BASE_ENGINE.evaluate(imported(ArchitectureFixtures.MovesTheEngineClock.class))
                .hasViolation()).isTrue();
        // EngineClock reads the engine's clock through base.engine's adapter: lawful.
        assertThat(ENGINE_INTERNALS_ONLY_IN_BASE_ENGINE.evaluate(imported(EngineClock.class)).hasViolation()).isFalse();
        ArchRule otherFeatures = classes().should(useOtherFeaturesOnlyThroughServicesApisAndValues());
        assertThat(otherFeatures.evaluate(imported(ArchitectureFixtures.ReadsAnotherFeaturesEntity.class))
                .getFailureReport().getDetails()).anyMatch(line -> line.contains("identity.domain.Organization"));
        assertThat(otherFeatures.evaluate(imported(ArchitectureFixtures.ReadsAnotherFeaturesRecord.class))
                .hasViolation()).isFalse();
    }

    private static JavaClasses imported(Class<?> type) {
        return new ClassFileImporter().importClasses(type);
    }

    @Test
    void every_view_declares_who_may_open_it() {
        classes().that().areAnnotatedWith(Route.class)
                .should().beAnnotatedWith(RolesAllowed.class).orShould().beAnnotatedWith(PermitAll.class)
                .orShould().beAnnotatedWith(AnonymousAllowed.class).orShould().beAnnotatedWith(DenyAll.class)
                .check(CLASSES);
    }

    @Test
    void process_delegates_only_live_in_process_packages() {
        classes().that().implement(org.camunda.bpm.engine.delegate.JavaDelegate.class)
                .should().resideInAPackage("..process..")
                .check(CLASSES);
    }

    private static String[] packagesOf(Set<String> features) {
        return features.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
    }

    /** The top-level package under org.cohorte, or null outside Cohorte. */
    static String featureOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The package right under the feature ("domain", "service"...), or "" for the feature's own package. */
    static String layerOf(JavaClass javaClass) {
        String feature = featureOf(javaClass);
        String rest = javaClass.getPackageName().substring(ROOT.length() + 1 + feature.length());
        if (rest.isEmpty()) {
            return "";
        }
        rest = rest.substring(1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** A value: an enum or a record, which carries data and cannot write anything. */
    static boolean isValue(JavaClass target) {
        return target.isEnum() || target.isRecord();
    }

    static boolean isEntityOrRepository(JavaClass target) {
        return target.isAnnotatedWith(jakarta.persistence.Entity.class)
                || target.isAnnotatedWith(jakarta.persistence.MappedSuperclass.class)
                || target.isAssignableTo(Repository.class);
    }

    private static ArchCondition<JavaClass> useOtherFeaturesOnlyThroughServicesApisAndValues() {
        return new ArchCondition<>("use other features only through their service and api packages, and the enums "
                + "and records of their domain") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originFeature = featureOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String targetFeature = featureOf(target);
                    if (targetFeature == null || targetFeature.equals(originFeature) || NOT_FEATURES.contains(targetFeature)) {
                        continue;
                    }
                    String layer = layerOf(target);
                    boolean allowed = layer.equals("service") || layer.equals("api")
                            || layer.equals("domain") && isValue(target);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> touchEntitiesOrRepositories() {
        return new ArchCondition<>("use a JPA entity or a repository") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (featureOf(target) != null && isEntityOrRepository(target)) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
