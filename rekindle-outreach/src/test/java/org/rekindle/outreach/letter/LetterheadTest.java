package org.rekindle.outreach.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.outreach.template.MessageTemplates;

class LetterheadTest {
  @TempDir Path dir;

  private Path image(String format, String file) throws Exception {
    BufferedImage img = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 120, 40);
    g.dispose();
    Path f = dir.resolve(file);
    assertThat(ImageIO.write(img, format, f.toFile())).isTrue();
    return f;
  }

  private static Letterhead withLogo(Path logo) {
    return new Letterhead(
        "Springfield Building Supply",
        List.of("742 Evergreen Terrace"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(logo));
  }

  @Test
  void aPngOrJpegLogo_isPrintedOnTheLetterhead() throws Exception {
    for (String format : List.of("png", "jpg")) {
      Letterhead head = withLogo(image(format, "logo." + format));
      Path pdf = dir.resolve(format + ".pdf");
      new LetterBatch(head, LetterTemplates.load(Optional.empty()), Paper.A4)
          .write(
              List.of(
                  new Letter(
                      "1",
                      new Recipient(
                          "Ada Roofing",
                          "1 Main Street",
                          Optional.empty(),
                          "Springfield",
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty()),
                      "birthday-card",
                      MessageTemplates.SAMPLE)),
              LocalDate.of(2026, 11, 23),
              pdf,
              dir.resolve(format + ".csv"));
      PdfReader reader = new PdfReader(pdf.toString());
      try {
        PdfDictionary resources = reader.getPageN(1).getAsDict(PdfName.RESOURCES);
        PdfDictionary images = resources.getAsDict(PdfName.XOBJECT);
        assertThat(images).as(format).isNotNull();
        assertThat(images.size()).isEqualTo(1);
      } finally {
        reader.close();
      }
    }
  }

  @Test
  void aLogoThatIsNoPngOrJpeg_orCannotBeRead_isRefused() throws Exception {
    Path text = dir.resolve("logo.png");
    Files.writeString(text, "not an image at all");
    assertThatThrownBy(() -> withLogo(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the logo " + text + " is not a PNG or JPEG image");

    Path gif = image("gif", "logo.gif");
    assertThatThrownBy(() -> withLogo(gif)).hasMessageContaining("is not a PNG or JPEG image");

    Path png = image("png", "whole.png");
    Path cut = dir.resolve("cut.png");
    byte[] bytes = Files.readAllBytes(png);
    Files.write(cut, Arrays.copyOf(bytes, 20));
    assertThatThrownBy(() -> withLogo(cut))
        .hasMessageContaining("the logo " + cut + " looks like a PNG or JPEG image but cannot");

    Path missing = dir.resolve("missing.png");
    assertThatThrownBy(() -> withLogo(missing))
        .hasMessageContaining("cannot read the logo " + missing);
  }

  @Test
  void partsMustBeOneLineOfText_andBlankOptionalsAreAbsent() {
    assertThatThrownBy(() -> new Letterhead(" ", List.of()))
        .hasMessage("the business name is empty");
    assertThatThrownBy(() -> new Letterhead("Supply", List.of("1 Main St\nSpringfield")))
        .hasMessageContaining("a line of the business's address must be one line of text");
    Letterhead h =
        new Letterhead(
            " Supply ",
            List.of(" 1 Main St "),
            Optional.of(" "),
            Optional.of("a@b.example"),
            Optional.empty(),
            Optional.empty());
    assertThat(h.businessName()).isEqualTo("Supply");
    assertThat(h.address()).containsExactly("1 Main St");
    assertThat(h.phone()).isEmpty();
    assertThat(h.contacts()).containsExactly("a@b.example");
  }
}
