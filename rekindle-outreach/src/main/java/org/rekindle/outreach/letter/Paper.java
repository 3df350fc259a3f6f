package org.rekindle.outreach.letter;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper letters are printed on, each laid out so that the recipient's address shows through the
 * window of the envelope usual for it. The date line follows the paper's custom too (the templates
 * are English): {@code 23 November 2026} on A4, {@code November 23, 2026} on US Letter.
 */
public enum Paper {
  /**
   * ISO 216 A4 (210 × 297 mm), laid out by DIN 5008 form B for a DL or C5/6 window envelope (DIN
   * 680: window 90 × 45 mm, 20 mm from the left, 15 mm from the bottom): the address field 20 mm
   * from the left and 45 mm from the top, 85 × 45 mm, with the return address line at the foot of
   * its top 17.7 mm and the recipient in the 27.3 mm below, both written from the text's left
   * margin at 25 mm; fold marks at 105 and 210 mm, the hole mark at 148.5 mm.
   */
  A4,

  /**
   * US Letter (8½ × 11 in), laid out for a #10 window envelope (4⅛ × 9½ in; window 1⅛ × 4½ in, ⅞ in
   * from the left and ½ in from the bottom) with the letter folded in three, address panel out:
   * resting on the bottom of the envelope, the window shows 2.04 to 3.17 in from the top of the
   * page, and the sheet can slide 1 in sideways, so the address sits 2.04 to 2.92 in from the top
   * and 1 to 4 in from the left, visible however the sheet lies. Fold marks at 3⅔ and 7⅓ in. The
   * envelope carries its own return address.
   */
  US_LETTER;

  private static final Geometry A4_GEOMETRY =
      new Geometry(
          mm(210),
          mm(297),
          mm(25),
          mm(190),
          mm(10),
          mm(40),
          Optional.of(mm(60.5)),
          mm(62.7),
          mm(27.3),
          mm(80),
          mm(98.5),
          mm(108),
          mm(272),
          mm(15),
          mm(25),
          mm(287),
          List.of(mm(105), mm(210)),
          Optional.of(mm(148.5)),
          DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH));

  private static final Geometry US_LETTER_GEOMETRY =
      new Geometry(
          in(8.5),
          in(11),
          in(1),
          in(7.5),
          in(0.5),
          in(1.85),
          Optional.empty(),
          in(2.042),
          in(0.875),
          in(3),
          in(3.35),
          in(3.6),
          in(10),
          in(0.6),
          in(1),
          in(10.55),
          List.of(in(11.0 / 3), in(22.0 / 3)),
          Optional.empty(),
          DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH));

  /** Where everything goes on this paper. */
  Geometry geometry() {
    return switch (this) {
      case A4 -> A4_GEOMETRY;
      case US_LETTER -> US_LETTER_GEOMETRY;
    };
  }

  private static float mm(double mm) {
    return (float) (mm * 72 / 25.4);
  }

  private static float in(double inches) {
    return (float) (inches * 72);
  }

  /**
   * Where everything goes, in PDF points (1/72 in); heights are measured down from the top edge of
   * the page, as the standards give them.
   *
   * @param left the left margin of all text, address included
   * @param right where text ends, from the left edge
   * @param headTop the top of the letterhead
   * @param headBottom the bottom of the letterhead, which must fit between the two
   * @param returnLine the baseline of the return address line above the recipient, when the window
   *     shows one
   * @param addressTop the top of the recipient's address
   * @param addressHeight the room for the recipient's address (five lines fit)
   * @param addressWidth the room for an address line, from {@code left}
   * @param dateLine the baseline of the date, which ends at {@code right}
   * @param bodyTop the top of the text on a letter's first page
   * @param bodyBottom the bottom of the text on every page
   * @param nextHeader the baseline of the short header on a letter's later pages
   * @param nextBodyTop the top of the text on a letter's later pages
   * @param footer the baseline of the line naming the letter and the page, for the mail room
   * @param folds fold marks at the left edge
   * @param holeMark the punch-hole mark, if the paper has one
   * @param dateFormat how the date line is written
   */
  record Geometry(
      float width,
      float height,
      float left,
      float right,
      float headTop,
      float headBottom,
      Optional<Float> returnLine,
      float addressTop,
      float addressHeight,
      float addressWidth,
      float dateLine,
      float bodyTop,
      float bodyBottom,
      float nextHeader,
      float nextBodyTop,
      float footer,
      List<Float> folds,
      Optional<Float> holeMark,
      DateTimeFormatter dateFormat) {}
}
