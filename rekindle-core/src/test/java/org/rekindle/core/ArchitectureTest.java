package org.rekindle.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md: the model knows no domain, the core no front end. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.rekindle");

  // JSpecify's nullness annotations are allowed too: they carry no behaviour, and nothing needs
  // them at run time.
  @Test
  void model_dependsOnNothingButHipparchusAndTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.model..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "org.rekindle.model..", "org.hipparchus..", "java..", "org.jspecify.annotations..")
        .check(CLASSES);
  }

  @Test
  void model_logsNothing() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.slf4j..", "java.util.logging..")
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(CLASSES);
  }

  @Test
  void core_knowsNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.rekindle.cli..", "picocli..", "me.tongfei..", "java.sql..", "javax.swing..")
        .check(CLASSES);
  }
}
