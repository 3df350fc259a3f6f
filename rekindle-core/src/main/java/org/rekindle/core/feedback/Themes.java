package org.rekindle.core.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups short free-text answers (exit surveys, complaints; English) into themes, with no
 * downloaded model. Settings are validated once here; {@link #group} may be called from many
 * threads.
 *
 * <p>How themes are formed:
 *
 * <ol>
 *   <li><b>Tokens.</b> Lower case; runs of letters and digits are words (apostrophes inside a word
 *       are dropped, so "didn't" is "didnt"); a built-in list of English stop words is removed;
 *       plurals are stripped lightly ("deliveries" to "delivery", "boxes" to "box", "prices" to
 *       "price"). The terms of an answer are its words and the bigrams (phrases) of consecutive
 *       words left after stop words are removed, so "staff were rude" has the phrase "staff rude".
 *   <li><b>Weights.</b> TF-IDF with binary term frequency (answers are short) and the smoothed
 *       inverse document frequency {@code idf(t) = ln((1 + N) / (1 + df(t))) + 1} (Manning,
 *       Raghavan and Schütze, <i>Introduction to Information Retrieval</i>, 2008, §6.2; the
 *       smoothing as in scikit-learn's {@code TfidfTransformer}); each answer's vector is scaled to
 *       unit length (§6.3.1), so an answer weighs the same however long it is.
 *   <li><b>Greedy grouping.</b> The weight of a term across the corpus is the sum of its weights in
 *       the answers not yet in a theme. The heaviest term seeds a theme: every such answer
 *       containing it joins. The theme then takes in any further term of which at least two thirds
 *       of the unassigned answers, and at least the minimum theme size, are already in the theme,
 *       with all the answers containing it; repeated until nothing more joins. This is how "too
 *       expensive" joins "prices went up" when enough answers say both. The theme's answers are
 *       removed and the next heaviest term seeds the next theme, until the maximum number of themes
 *       is reached or no term is in enough unassigned answers. What is left is "other". Synonyms
 *       that never share an answer stay apart: there is no model to know them.
 *   <li><b>Labels and examples.</b> A theme is labelled by its one or two heaviest terms within it
 *       that share no word, the second only if it weighs at least a quarter of the first. Its
 *       examples are the (distinct) answers closest to the theme's centroid (the mean of its
 *       answers' vectors), ties going to the shorter then the alphabetically first text.
 * </ol>
 *
 * <p>Deterministic: weights are summed in fixed point, so sums are exact whatever the order of the
 * answers, and ties between terms go to the alphabetically first; the same answers in any order
 * give the same report. Blank answers are ignored and not counted.
 */
public final class Themes {
  /** The most themes reported by {@link #defaults()}. */
  public static final int DEFAULT_MAX_THEMES = 12;

  /** The smallest theme, in answers, by {@link #defaults()}. */
  public static final int DEFAULT_MIN_ANSWERS = 3;

  /** The smallest theme, as a share of the answers, by {@link #defaults()}. */
  public static final double DEFAULT_MIN_SHARE = 0.01;

  private static final int MAX_EXAMPLES = 3;
  private static final int MAX_PHRASES = 2;
  // A unit vector's components in fixed point: 2^30 keeps nine decimal digits and lets 2^33
  // answers be summed in a long.
  private static final double ONE = 1 << 30;
  private static final String OTHER = "other";

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
          "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
          "did", "do", "does", "doing", "each", "even", "ever", "for", "from", "get", "getting",
          "got", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i",
          "if", "im", "in", "into", "is", "it", "its", "ive", "just", "me", "more", "most", "much",
          "my", "myself", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
          "out", "over", "own", "quite", "really", "same", "she", "should", "so", "some", "still",
          "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
          "those", "through", "to", "too", "up", "us", "very", "was", "way", "we", "went", "were",
          "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you",
          "your");

  private final int maxThemes;
  private final int minAnswers;
  private final double minShare;

  /**
   * @param maxThemes the most themes to report, 1 or more
   * @param minAnswers the fewest answers a theme may have, 1 or more
   * @param minShare the smallest share of the answers a theme may have, in [0, 1]; a theme needs
   *     both this share and {@code minAnswers}
   */
  public Themes(int maxThemes, int minAnswers, double minShare) {
    if (maxThemes < 1) {
      throw new IllegalArgumentException("the most themes must be 1 or more: " + maxThemes);
    }
    if (minAnswers < 1) {
      throw new IllegalArgumentException(
          "the fewest answers in a theme must be 1 or more: " + minAnswers);
    }
    if (!(minShare >= 0 && minShare <= 1)) {
      throw new IllegalArgumentException(
          "the smallest share of a theme must be in [0, 1]: " + minShare);
    }
    this.maxThemes = maxThemes;
    this.minAnswers = minAnswers;
    this.minShare = minShare;
  }

  /** At most 12 themes of at least 3 answers and 1% of the answers. */
  public static Themes defaults() {
    return new Themes(DEFAULT_MAX_THEMES, DEFAULT_MIN_ANSWERS, DEFAULT_MIN_SHARE);
  }

  /** Groups the answers into themes; see the class comment for how. */
  public ThemeReport group(List<String> answers) {
    List<String> texts = new ArrayList<>(answers.size());
    for (String a : answers) {
      String s = a.strip();
      if (!s.isEmpty()) {
        texts.add(s);
      }
    }
    int n = texts.size();
    if (n == 0) {
      return new ThemeReport(0, List.of(), new Theme(OTHER, List.of(), 0, 0, List.of()));
    }
    return new Grouping(texts).run(Math.max(minAnswers, (int) Math.ceil(minShare * n)));
  }

  /** The words of a text as themes see them: lower case, stop words removed, plurals stripped. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    int i = 0;
    while (i <= text.length()) {
      int cp = i < text.length() ? text.codePointAt(i) : ' ';
      if (Character.isLetterOrDigit(cp)) {
        w.appendCodePoint(Character.toLowerCase(cp));
      } else if ((cp == '\'' || cp == '\u2019') && w.length() > 0) {
        // inside a word: "didn't" is one word
      } else if (w.length() > 0) {
        String word = w.toString();
        w.setLength(0);
        if (!STOP_WORDS.contains(word)) {
          String stem = singular(word);
          if (stem.length() > 1 && !STOP_WORDS.contains(stem)) {
            out.add(stem);
          }
        }
      }
      i += i < text.length() ? Character.charCount(cp) : 1;
    }
    return out;
  }

  /** Light plural stripping, enough to join "price" and "prices"; not a stemmer. */
  static String singular(String w) {
    int len = w.length();
    if (len > 4 && w.endsWith("ies")) {
      return w.substring(0, len - 3) + "y";
    }
    if (len > 4
        && w.endsWith("es")
        && (w.endsWith("ses")
            || w.endsWith("xes")
            || w.endsWith("zes")
            || w.endsWith("ches")
            || w.endsWith("shes"))) {
      return w.substring(0, len - 2);
    }
    if (len > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.substring(0, len - 1);
    }
    return w;
  }

  /** The terms of an answer: its words and the phrases of consecutive words, each once. */
  static Set<String> terms(String text) {
    List<String> words = words(text);
    Set<String> terms = new LinkedHashSet<>();
    for (int i = 0; i < words.size(); i++) {
      terms.add(words.get(i));
      if (i > 0) {
        terms.add(words.get(i - 1) + " " + words.get(i));
      }
    }
    return terms;
  }

  /** One run of the grouping over one set of answers. */
  private final class Grouping {
    private final List<String> texts;
    private final List<String> names = new ArrayList<>();
    private final int[][] docTerms;
    private final long[][] docWeights;
    private final int[][] postings;
    private final long[] score;
    private final int[] remaining;
    private final int[] themeOf;

    /** The current theme's summed weight and number of answers, per term. */
    private final long[] inTheme;

    private final int[] countInTheme;

    Grouping(List<String> texts) {
      this.texts = texts;
      int n = texts.size();
      Map<String, Integer> ids = new HashMap<>();
      docTerms = new int[n][];
      for (int d = 0; d < n; d++) {
        Set<String> terms = terms(texts.get(d));
        int[] t = new int[terms.size()];
        int k = 0;
        for (String term : terms) {
          Integer id = ids.get(term);
          if (id == null) {
            id = names.size();
            ids.put(term, id);
            names.add(term);
          }
          t[k++] = id;
        }
        docTerms[d] = t;
      }
      int v = names.size();
      remaining = new int[v];
      for (int[] t : docTerms) {
        for (int id : t) {
          remaining[id]++;
        }
      }
      double[] idf = new double[v];
      postings = new int[v][];
      for (int id = 0; id < v; id++) {
        idf[id] = Math.log((1.0 + n) / (1.0 + remaining[id])) + 1;
        postings[id] = new int[remaining[id]];
      }
      int[] fill = new int[v];
      docWeights = new long[n][];
      score = new long[v];
      for (int d = 0; d < n; d++) {
        int[] t = docTerms[d];
        double norm = 0;
        for (int id : t) {
          norm += idf[id] * idf[id];
          postings[id][fill[id]++] = d;
        }
        norm = Math.sqrt(norm);
        long[] w = new long[t.length];
        for (int k = 0; k < t.length; k++) {
          w[k] = Math.round(idf[t[k]] / norm * ONE);
          score[t[k]] += w[k];
        }
        docWeights[d] = w;
      }
      themeOf = new int[n];
      Arrays.fill(themeOf, -1);
      inTheme = new long[v];
      countInTheme = new int[v];
    }

    ThemeReport run(int minSize) {
      List<Theme> themes = new ArrayList<>();
      while (themes.size() < maxThemes) {
        int seed = heaviest(minSize);
        if (seed < 0) {
          break;
        }
        List<Integer> touched = new ArrayList<>();
        List<Integer> members = grow(seed, themes.size(), minSize, touched);
        themes.add(theme(members, touched));
        retire(members, touched);
      }
      themes.sort(Comparator.comparingInt(Theme::answers).reversed().thenComparing(Theme::label));
      List<Integer> rest = new ArrayList<>();
      for (int d = 0; d < texts.size(); d++) {
        if (themeOf[d] < 0) {
          rest.add(d);
        }
      }
      tally(rest, new ArrayList<>());
      Theme other =
          new Theme(
              OTHER, List.of(), rest.size(), (double) rest.size() / texts.size(), examples(rest));
      return new ThemeReport(texts.size(), themes, other);
    }

    /**
     * The answers of the theme seeded by a term: those containing it, then, round by round, those
     * containing a term that at least two thirds of its unassigned answers already share with the
     * theme. Leaves the theme's term weights and counts in {@link #inTheme} and {@link
     * #countInTheme}, for the terms listed in {@code touched}.
     */
    private List<Integer> grow(int seed, int id, int minSize, List<Integer> touched) {
      boolean[] taken = new boolean[names.size()];
      taken[seed] = true;
      List<Integer> members = new ArrayList<>();
      List<Integer> fresh = join(seed, id);
      while (!fresh.isEmpty()) {
        members.addAll(fresh);
        tally(fresh, touched);
        List<Integer> next = new ArrayList<>();
        for (int u : touched) {
          int c = countInTheme[u];
          if (!taken[u] && c >= minSize && c < remaining[u] && 3L * c >= 2L * remaining[u]) {
            taken[u] = true;
            next.addAll(join(u, id));
          }
        }
        fresh = next;
      }
      return members;
    }

    /** Adds the answers' terms to the theme's weights and counts; lists terms seen first. */
    private void tally(List<Integer> answers, List<Integer> touched) {
      for (int d : answers) {
        int[] t = docTerms[d];
        for (int k = 0; k < t.length; k++) {
          if (countInTheme[t[k]]++ == 0) {
            touched.add(t[k]);
          }
          inTheme[t[k]] += docWeights[d][k];
        }
      }
    }

    /** Takes a finished theme's answers out of the corpus weights and clears its tallies. */
    private void retire(List<Integer> members, List<Integer> touched) {
      for (int d : members) {
        int[] t = docTerms[d];
        for (int k = 0; k < t.length; k++) {
          remaining[t[k]]--;
          score[t[k]] -= docWeights[d][k];
        }
      }
      for (int u : touched) {
        inTheme[u] = 0;
        countInTheme[u] = 0;
      }
    }

    /** The term with the most weight among unassigned answers, in at least minSize of them. */
    private int heaviest(int minSize) {
      int best = -1;
      for (int u = 0; u < names.size(); u++) {
        if (remaining[u] < minSize) {
          continue;
        }
        if (best < 0
            || score[u] > score[best]
            || (score[u] == score[best] && names.get(u).compareTo(names.get(best)) < 0)) {
          best = u;
        }
      }
      return best;
    }

    /** Puts the unassigned answers containing the term in the theme; returns them. */
    private List<Integer> join(int term, int id) {
      List<Integer> joined = new ArrayList<>();
      for (int d : postings[term]) {
        if (themeOf[d] < 0) {
          themeOf[d] = id;
          joined.add(d);
        }
      }
      return joined;
    }

    private Theme theme(List<Integer> members, List<Integer> touched) {
      List<Integer> ranked = new ArrayList<>(touched);
      ranked.sort(
          Comparator.<Integer>comparingLong(u -> -inTheme[u]).thenComparing(u -> names.get(u)));
      List<String> phrases = new ArrayList<>();
      Set<String> used = new HashSet<>();
      long top = inTheme[ranked.get(0)];
      for (int u : ranked) {
        if (phrases.size() == MAX_PHRASES || inTheme[u] * 4 < top) {
          break;
        }
        List<String> words = List.of(names.get(u).split(" "));
        if (words.stream().noneMatch(used::contains)) {
          phrases.add(names.get(u));
          used.addAll(words);
        }
      }
      return new Theme(
          String.join(" / ", phrases),
          phrases,
          members.size(),
          (double) members.size() / texts.size(),
          examples(members));
    }

    /**
     * The distinct answers closest to the centroid, whose components are proportional to the sums
     * in {@link #inTheme}. Scores are exact integers, so the choice does not depend on the order of
     * the answers.
     */
    private List<String> examples(List<Integer> members) {
      if (members.isEmpty()) {
        return List.of();
      }
      long size = members.size();
      long[] closeness = new long[texts.size()];
      for (int d : members) {
        int[] t = docTerms[d];
        long c = 0;
        for (int k = 0; k < t.length; k++) {
          // both factors at most 2^30, so the shifted product is at most 2^44 and sums stay exact
          c += (docWeights[d][k] * (inTheme[t[k]] / size)) >> 16;
        }
        closeness[d] = c;
      }
      List<Integer> ranked = new ArrayList<>(members);
      ranked.sort(
          Comparator.<Integer>comparingLong(d -> -closeness[d])
              .thenComparingInt(d -> texts.get(d).length())
              .thenComparing(d -> texts.get(d)));
      Set<String> picked = new LinkedHashSet<>();
      for (int d : ranked) {
        picked.add(texts.get(d));
        if (picked.size() == MAX_EXAMPLES) {
          break;
        }
      }
      return List.copyOf(picked);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Themes[maxThemes=%d, minAnswers=%d, minShare=%s]",
        maxThemes,
        minAnswers,
        minShare);
  }
}
