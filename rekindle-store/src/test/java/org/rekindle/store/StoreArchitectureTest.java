package org.rekindle.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: the store depends on the core, never on a front end. */
class StoreArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.rekindle.store");

  @Test
  void store_knowsNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.rekindle.cli..", "picocli..", "me.tongfei..")
        .orShould()
        .accessField(System.class, "out")
        .check(CLASSES);
  }
}
