package dev.orun.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of the README (docs/decisions/module-layering.md), checked on the compiled
 * classes of every module: core ← {plan, exec, runners, remote} ← {backend, cli}; exec never sees
 * plan compilation, runners never see the engine, and no module reaches into another's
 * {@code internal} packages.
 */
class LayeringTest {

    /** Each module's root package. */
    private static final List<String> MODULES = List.of("dev.orun.core", "dev.orun.plan",
            "dev.orun.exec", "dev.orun.runner.local", "dev.orun.runner.docker", "dev.orun.runner.gha",
            "dev.orun.remote",
            "dev.orun.backend", "dev.orun.cli");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.orun");
    }

    static ArchRule coreDependsOnNoOtherModule() {
        return noClasses().that().resideInAPackage("dev.orun.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.plan..",
                        "dev.orun.exec..", "dev.orun.runner..", "dev.orun.remote..",
                        "dev.orun.backend..", "dev.orun.cli..")
                .as("orun-core depends on no other orun module");
    }

    static ArchRule execSeesOnlyCore() {
        return noClasses().that().resideInAPackage("dev.orun.exec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.plan..",
                        "dev.orun.runner..", "dev.orun.remote..", "dev.orun.backend..", "dev.orun.cli..")
                .as("orun-exec depends on orun-core alone (no plan compilation, no runner)");
    }

    static ArchRule planSeesOnlyCore() {
        return noClasses().that().resideInAPackage("dev.orun.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.exec..",
                        "dev.orun.runner..", "dev.orun.remote..", "dev.orun.backend..",
                        "dev.orun.cli..")
                .as("orun-plan depends on orun-core alone");
    }

    static ArchRule runnersNeverSeeTheEngine() {
        return noClasses().that().resideInAPackage("dev.orun.runner..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.exec..",
                        "dev.orun.plan..", "dev.orun.remote..", "dev.orun.backend..",
                        "dev.orun.cli..")
                .as("runners depend on orun-core (and other runners), never on the engine");
    }

    static ArchRule remoteSeesOnlyCore() {
        return noClasses().that().resideInAPackage("dev.orun.remote..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.exec..",
                        "dev.orun.plan..", "dev.orun.runner..", "dev.orun.backend..",
                        "dev.orun.cli..")
                .as("orun-remote depends on orun-core alone");
    }

    static ArchRule backendSeesCoreAndRemoteWireTypes() {
        return noClasses().that().resideInAPackage("dev.orun.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orun.exec..",
                        "dev.orun.plan..", "dev.orun.runner..", "dev.orun.cli..")
                .as("orun-backend depends on orun-core and orun-remote's wire types only");
    }

    static ArchRule cliIsNotUsedByLibraries() {
        return noClasses().that().resideOutsideOfPackage("dev.orun.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.orun.cli..")
                .as("no library depends on the CLI");
    }

    /** A module's {@code internal} packages are its own: others use its public API only. */
    static ArchRule noModuleReachesIntoAnothersInternals() {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : MODULES) {
            rules.add(noClasses().that().resideOutsideOfPackage(module + "..")
                    .should().dependOnClassesThat().resideInAPackage(module + ".internal..")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules).as("no module uses another module's internal packages");
    }

    @Test
    void coreDependsOnNothingElseOfOrun() {
        coreDependsOnNoOtherModule().check(production);
    }

    @Test
    void execDependsOnCoreAloneAndNeverOnPlanCompilation() {
        execSeesOnlyCore().check(production);
    }

    @Test
    void planDependsOnCoreAlone() {
        planSeesOnlyCore().check(production);
    }

    @Test
    void runnersNeverImportTheEngine() {
        runnersNeverSeeTheEngine().check(production);
    }

    @Test
    void remoteDependsOnCoreAlone() {
        remoteSeesOnlyCore().check(production);
    }

    @Test
    void backendDependsOnCoreAndTheWireTypesAlone() {
        backendSeesCoreAndRemoteWireTypes().check(production);
    }

    @Test
    void noLibraryDependsOnTheCli() {
        cliIsNotUsedByLibraries().check(production);
    }

    @Test
    void modulesUseEachOtherOnlyThroughPublicApi() {
        noModuleReachesIntoAnothersInternals().check(production);
    }

    @Test
    void theRulesCatchAClassThatBreaksTheLayering() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReachesIntoExecInternals.class);

        assertThat(noModuleReachesIntoAnothersInternals().evaluate(offender).hasViolation()).isTrue();
    }
}
