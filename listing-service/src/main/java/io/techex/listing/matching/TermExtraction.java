package io.techex.listing.matching;

import io.techex.listing.api.LocalizedText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an item's words into its {@link TermProfile} with PostgreSQL's full text machinery, as search does: the text
 * is folded by {@code listing_fold} (unaccent: "Điều trị" and "dieu tri" are the same), split by the default parser
 * ({@code ts_parse}), lower-cased, and for English stemmed by the {@code english_stem} dictionary, as the {@code english}
 * configuration does (stop words dropped, "membranes" meets "membrane"). Vietnamese is not stemmed: its syllables do not
 * inflect. ({@code ts_debug} gives the same in one call, ten times slower: it joins the configuration's tables per token.)
 * <p>
 * Terms are single lexemes and pairs of adjacent ones: a Vietnamese word is mostly two syllables ("nước thải"), and a
 * pair says far more than either syllable. A pair never spans punctuation (a hyphen aside), a stop word or a number.
 * Keywords go to both languages unless they carry Vietnamese letters.
 */
@Component
class TermExtraction {

    static final float TITLE = 1.0f;
    static final float KEYWORD = 1.0f;
    static final float BODY = 0.5f;

    /** The default parser's word tokens (asciiword, word, numword, hword_numpart, hword_part, hword_asciipart). */
    private static final Set<Integer> WORDS = Set.of(1, 2, 3, 9, 10, 11);
    /** Hyphenated compounds ("nano-filtration"), skipped for their parts, which follow them. */
    private static final Set<Integer> COMPOUNDS = Set.of(15, 16, 17);
    private static final int BLANK = 12;
    private static final Pattern JOINING = Pattern.compile("[\\s-]*");

    private final JdbcTemplate jdbc;

    TermExtraction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    TermProfile extract(Facts facts) {
        List<Field> fields = new ArrayList<>();
        add(fields, false, facts.title() == null ? null : facts.title().vi(), TITLE);
        add(fields, true, facts.title() == null ? null : facts.title().en(), TITLE);
        add(fields, false, text(facts.text(), true), BODY);
        add(fields, true, text(facts.text(), false), BODY);
        for (String keyword : facts.keywords()) {
            add(fields, false, keyword, KEYWORD);
            if (!hasVietnameseLetters(keyword)) {
                add(fields, true, keyword, KEYWORD);
            }
        }
        if (fields.isEmpty()) {
            return TermProfile.EMPTY;
        }
        Map<String, Float> weights = new LinkedHashMap<>();
        Map<String, String> surfaces = new LinkedHashMap<>();
        // the phrase being read: its previous word, reset by whatever a pair may not span
        var chain = new Object() {
            long field = -1;
            String lexeme;
            String surface;
        };
        jdbc.query("""
                SELECT f.ord, p.tokid, p.token,
                    CASE WHEN f.english AND p.tokid IN (1, 2, 10, 11) THEN ts_lexize('english_stem', lower(p.token)) END AS stems
                FROM unnest(?::text[], ?::boolean[]) WITH ORDINALITY AS f(body, english, ord)
                CROSS JOIN LATERAL ts_parse('default', listing_fold(f.body)) WITH ORDINALITY AS p(tokid, token, n)
                ORDER BY f.ord, p.n""", row -> {
            long ord = row.getLong("ord");
            Field field = fields.get((int) ord - 1);
            if (ord != chain.field) {
                chain.field = ord;
                chain.lexeme = null;
            }
            int tokid = row.getInt("tokid");
            String token = row.getString("token").toLowerCase(Locale.ROOT);
            if (COMPOUNDS.contains(tokid) || tokid == BLANK && JOINING.matcher(token).matches()) {
                return;
            }
            String lexeme = WORDS.contains(tokid) ? lexeme(token, row.getArray("stems")) : null;
            if (lexeme == null) {
                chain.lexeme = null; // punctuation, a stop word or a number ends a phrase
                return;
            }
            String language = field.english() ? "en:" : "vi:";
            put(weights, surfaces, language + lexeme, token, field.weight());
            if (chain.lexeme != null) {
                put(weights, surfaces, language + chain.lexeme + " " + lexeme, chain.surface + " " + token, field.weight());
            }
            chain.lexeme = lexeme;
            chain.surface = token;
        }, fields.stream().map(Field::text).toArray(String[]::new), fields.stream().map(Field::english).toArray(Boolean[]::new));
        return new TermProfile(new ArrayList<>(weights.keySet()), new ArrayList<>(weights.values()),
                new ArrayList<>(surfaces.values()));
    }

    /** The token itself in Vietnamese; its English stem, or null for an English stop word. */
    private static String lexeme(String token, Array stems) throws SQLException {
        if (stems == null) {
            return token;
        }
        String[] values = (String[]) stems.getArray();
        return values.length == 0 ? null : values[0];
    }

    private static void put(Map<String, Float> weights, Map<String, String> surfaces, String term, String surface, float weight) {
        weights.merge(term, weight, Math::max);
        surfaces.putIfAbsent(term, surface);
    }

    private static String text(LocalizedText text, boolean vietnamese) {
        return text == null ? null : vietnamese ? text.vi() : text.en();
    }

    private static void add(List<Field> fields, boolean english, String text, float weight) {
        if (text != null && !text.isBlank()) {
            fields.add(new Field(english, text, weight));
        }
    }

    /** Letters outside ASCII: ă â đ ê ô ơ ư and the tone marks, which English keywords do not have. */
    private static boolean hasVietnameseLetters(String text) {
        return text.chars().anyMatch(c -> c > 127 && Character.isLetter(c));
    }

    private record Field(boolean english, String text, float weight) {
    }
}
