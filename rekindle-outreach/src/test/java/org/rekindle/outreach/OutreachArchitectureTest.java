package org.rekindle.outreach;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: the channel adapters know neither the database nor a front end. */
class OutreachArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.rekindle.outreach");

  @Test
  void outreach_knowsNoStoreAndNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage("org.rekindle.outreach..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.rekindle.store..", "org.rekindle.cli..", "org.jdbi..", "java.sql..", "picocli..")
        .orShould()
        .accessField(System.class, "out")
        .check(CLASSES);
  }

  @Test
  void onlyTheLetters_drawPdf() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.rekindle.outreach.letter..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.lowagie..", "org.librepdf..")
        .check(CLASSES);
  }
}
