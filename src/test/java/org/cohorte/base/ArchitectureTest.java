package org.cohorte.base;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.junit.jupiter.api.Test;

/**
 * Package by feature, features talk through services: a feature may use another feature's {@code service}
 * and {@code api} packages only; feature slices have no cycles; {@code base} knows no feature; the shell and
 * the demo seeder sit on top and nothing depends on them.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cohorte");

    static final String[] FEATURES = {"identity", "community", "codevelopment", "incubator", "performance", "tasks",
            "reports", "notification", "onboarding", "blocker", "knowledge"};

    @Test
    void features_have_no_cycles_between_them() {
        slices().matching("org.cohorte.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void features_reach_other_features_only_through_their_services_and_apis() {
        classes().that().resideInAPackage("org.cohorte..")
                .should(onlyUseOtherFeaturesThroughServicesOrApis())
                .check(CLASSES);
    }

    @Test
    void base_depends_on_no_feature() {
        noClasses().that().resideInAPackage("org.cohorte.base..")
                .should().dependOnClassesThat().resideInAnyPackage(featurePackages())
                .check(CLASSES);
    }

    @Test
    void nothing_depends_on_the_shell_or_the_demo_data() {
        noClasses().that().resideOutsideOfPackages("org.cohorte.shell..", "org.cohorte.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cohorte.shell..", "org.cohorte.demo..")
                .check(CLASSES);
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
                .should().resideInAPackage("..process..").allowEmptyShould(true)
                .check(CLASSES);
    }

    private static String[] featurePackages() {
        String[] packages = new String[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            packages[i] = "org.cohorte." + FEATURES[i] + "..";
        }
        return packages;
    }

    private static String featureOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("org.cohorte.")) {
            return null;
        }
        String rest = name.substring("org.cohorte.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaClass> onlyUseOtherFeaturesThroughServicesOrApis() {
        return new ArchCondition<>("use other features only through their service or api packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originFeature = featureOf(origin);
                if (originFeature == null || originFeature.equals("shell") || originFeature.equals("demo")) {
                    return;
                }
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String targetFeature = featureOf(target);
                    if (targetFeature == null || targetFeature.equals(originFeature) || targetFeature.equals("base")) {
                        return;
                    }
                    String pkg = target.getPackageName();
                    boolean allowed = pkg.contains("." + targetFeature + ".service") || pkg.contains("." + targetFeature + ".api")
                            // Entities returned by a service travel with it (read-only views of a feature's records).
                            || pkg.contains("." + targetFeature + ".domain") && isEntityOrValue(target);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    private static boolean isEntityOrValue(JavaClass target) {
        return target.isAnnotatedWith(jakarta.persistence.Entity.class) || target.isEnum()
                || target.isAnnotatedWith(jakarta.persistence.Embeddable.class);
    }
}
