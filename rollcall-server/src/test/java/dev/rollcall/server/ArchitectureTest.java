package dev.rollcall.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction, as tests: server → engine, store, connectors → connector API. The
 * connector API and the engine stay free of Spring and JDBC; nothing outside the server imports it.
 */
class ArchitectureTest {

    private static JavaClasses rollcall;

    @BeforeAll
    static void importClasses() {
        rollcall = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rollcall");
    }

    @Test
    void connectorApiUsesOnlyTheJdkAndJackson() {
        noClasses()
                .that()
                .resideInAPackage("dev.rollcall.connector.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "org.flywaydb..",
                        "dev.rollcall.engine..",
                        "dev.rollcall.store..",
                        "dev.rollcall.server..")
                .check(rollcall);
    }

    @Test
    void engineHasNoSpringNoJdbcAndNoStore() {
        noClasses()
                .that()
                .resideInAPackage("dev.rollcall.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "dev.rollcall.store..",
                        "dev.rollcall.server..")
                .check(rollcall);
    }

    @Test
    void storeDoesNotUseSpringOrTheServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.rollcall.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "dev.rollcall.server..")
                .check(rollcall);
    }

    @Test
    void nothingOutsideTheServerImportsIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.rollcall.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rollcall.server..")
                .check(rollcall);
    }

    @Test
    void connectorsNeverImportTheEngineTheStoreJdbcOrSpring() {
        noClasses()
                .that()
                .resideInAPackage("dev.rollcall.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rollcall.engine..",
                        "dev.rollcall.store..",
                        "dev.rollcall.server..",
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..")
                .allowEmptyShould(true)
                .check(rollcall);
    }
}
