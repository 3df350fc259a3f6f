package org.rekindle.core.simulate.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Made-up names, streets and towns for the sample business. Email domains end in {@code .example}
 * and phone numbers are in the 555-0100 to 555-0199 range, both reserved for fiction, so no demo
 * message can reach a real person.
 */
final class Names {
  /** The sales reps, as the customers file names them; the demo uses the first three to five. */
  static final List<String> REPS =
      List.of("Maria Lopez", "Tom Becker", "Aisha Khan", "Dave Morris", "Lin Chen");

  private static final List<String> FIRST =
      List.of(
          "James",
          "Mary",
          "Robert",
          "Patricia",
          "John",
          "Jennifer",
          "Michael",
          "Linda",
          "David",
          "Elizabeth",
          "William",
          "Barbara",
          "Richard",
          "Susan",
          "Joseph",
          "Jessica",
          "Thomas",
          "Sarah",
          "Carlos",
          "Karen",
          "Daniel",
          "Nancy",
          "Matthew",
          "Lisa",
          "Anthony",
          "Betty",
          "Mark",
          "Sandra",
          "Steven",
          "Ashley",
          "Paul",
          "Emily",
          "Andrew",
          "Donna",
          "Kenji",
          "Michelle",
          "Joshua",
          "Carol",
          "Kevin",
          "Amanda",
          "Brian",
          "Melissa",
          "Priya",
          "Olga",
          "Ahmed",
          "Grace",
          "Luis",
          "Hannah",
          "Samuel",
          "Rosa");

  private static final List<String> LAST =
      List.of(
          "Smith",
          "Johnson",
          "Williams",
          "Brown",
          "Jones",
          "Garcia",
          "Miller",
          "Davis",
          "Rodriguez",
          "Martinez",
          "Hernandez",
          "Lopez",
          "Gonzalez",
          "Wilson",
          "Anderson",
          "Thomas",
          "Taylor",
          "Moore",
          "Jackson",
          "Martin",
          "Lee",
          "Perez",
          "Thompson",
          "White",
          "Harris",
          "Sanchez",
          "Clark",
          "Ramirez",
          "Lewis",
          "Robinson",
          "Walker",
          "Young",
          "Allen",
          "King",
          "Wright",
          "Scott",
          "Torres",
          "Nguyen",
          "Hill",
          "Flores",
          "Green",
          "Adams",
          "Nelson",
          "Baker",
          "Hall",
          "Rivera",
          "Campbell",
          "Mitchell",
          "Carter",
          "Novak");

  private static final List<String> PLACE =
      List.of(
          "Oak",
          "Ridge",
          "Cedar",
          "River",
          "Stone",
          "Summit",
          "Prairie",
          "Lakeside",
          "Pine",
          "Granite",
          "Maple",
          "Hillcrest",
          "Northfield",
          "Copper",
          "Ironwood",
          "Bluebird",
          "Harbor",
          "Meadow",
          "Timber",
          "Redrock",
          "Willow",
          "Falcon",
          "Silver",
          "Eastgate");

  private static final List<String> STREET =
      List.of(
          "Main St",
          "Mill Rd",
          "Oak Ave",
          "Church St",
          "Park Ave",
          "Elm St",
          "Lake Rd",
          "High St",
          "Walnut St",
          "Spring St",
          "Center St",
          "Union Ave",
          "Hickory Ln",
          "Front St",
          "Maple Ave",
          "Orchard Rd",
          "Railroad Ave",
          "Bridge St",
          "Quarry Rd",
          "Sawmill Ln");

  /** Towns of the business's area, with their postal-code prefix. */
  private static final List<String[]> TOWNS =
      List.of(
          new String[] {"Hillside", "627"},
          new String[] {"Millbrook", "627"},
          new String[] {"Fairview", "626"},
          new String[] {"Oak Hollow", "626"},
          new String[] {"Riverton", "625"},
          new String[] {"Cedar Grove", "625"},
          new String[] {"Westfield", "624"},
          new String[] {"Brookdale", "628"});

  /** Area codes: with the fictional 555-01XX lines, 100 numbers each. */
  private static final List<String> AREA =
      List.of(
          "217", "309", "312", "618", "630", "708", "773", "815", "847", "872", "224", "331", "447",
          "464", "779", "262", "414", "608", "715", "920", "319", "563", "573", "636");

  private static final String[] CONTRACTOR_TRADES = {
    "Roofing", "Builders", "Construction", "Remodeling", "Framing", "Concrete", "Decks", "Homes"
  };
  private static final String[] TRADES = {
    "Plumbing",
    "Electric",
    "Painting",
    "Heating & Air",
    "Tile",
    "Flooring",
    "Hardware",
    "Paint & Paper"
  };
  private static final String[] KEY = {
    "Property Services", "Hardware", "Facilities", "Maintenance"
  };
  private static final String[] FORMS = {"LLC", "Inc.", "& Sons", "Co.", "", "", ""};

  private Names() {}

  static String person(SplittableRandom rng) {
    return pick(rng, FIRST) + " " + pick(rng, LAST);
  }

  /** A company of the kind: "Cedar Roofing LLC", "Novak Plumbing". */
  static String company(SplittableRandom rng, BuyerKind kind) {
    String[] trades =
        switch (kind) {
          case CONTRACTOR -> CONTRACTOR_TRADES;
          case TRADE -> TRADES;
          case KEY_ACCOUNT -> KEY;
          case HOMEOWNER -> throw new IllegalArgumentException("a homeowner is no company");
        };
    String who = rng.nextInt(3) == 0 ? pick(rng, LAST) : pick(rng, PLACE);
    String form = FORMS[rng.nextInt(FORMS.length)];
    return (who + " " + trades[rng.nextInt(trades.length)] + " " + form).strip();
  }

  /** The tag of the company's line of work: "roofing", "plumbing"; empty for a homeowner. */
  static String trade(String company) {
    for (String[] list : List.of(CONTRACTOR_TRADES, TRADES, KEY)) {
      for (String t : list) {
        if (company.contains(" " + t)) {
          return t.toLowerCase(Locale.ROOT).replace(" & ", "-").replace(' ', '-');
        }
      }
    }
    return "";
  }

  /** An email for the name at a reserved {@code .example} domain, unique by the account id. */
  static String email(String name, String id, boolean company) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-|-$", "");
    if (company) {
      return "orders@" + slug + "-" + id + ".example";
    }
    int space = slug.indexOf('-');
    String local = space < 0 ? slug : slug.substring(0, space) + "." + slug.substring(space + 1);
    return local + "." + id + "@mail.example";
  }

  /**
   * The {@code n}th fictional phone number: +1 AREA 555 01XX, distinct for n below 2,400, then
   * repeating.
   */
  static String phone(int n) {
    int i = Math.floorMod(n, AREA.size() * 100);
    return String.format(Locale.ROOT, "+1 %s 555 01%02d", AREA.get(i / 100), i % 100);
  }

  /** A street address, a town and its postal code. */
  static String[] address(SplittableRandom rng) {
    String[] town = TOWNS.get(rng.nextInt(TOWNS.size()));
    String street = (1 + rng.nextInt(1999)) + " " + pick(rng, STREET);
    String zip = town[1] + String.format(Locale.ROOT, "%02d", rng.nextInt(100));
    return new String[] {street, town[0], zip};
  }

  private static String pick(SplittableRandom rng, List<String> from) {
    return from.get(rng.nextInt(from.size()));
  }
}
