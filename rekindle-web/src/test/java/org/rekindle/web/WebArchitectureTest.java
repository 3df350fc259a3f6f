package org.rekindle.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: the web app depends on the core, the store and outreach, never on the command line.
 */
class WebArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.rekindle.web");

  @Test
  void web_knowsNoCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.rekindle.cli..", "picocli..", "me.tongfei..")
        .orShould()
        .accessField(System.class, "out")
        .check(CLASSES);
  }
}
