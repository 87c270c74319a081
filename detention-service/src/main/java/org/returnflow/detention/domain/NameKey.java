package org.returnflow.detention.domain;

import com.ibm.icu.text.Transliterator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phonetic key for names written in the Latin alphabet the way agencies write Persian and Arabic
 * names, so that the usual transliterations of one name share a key: Mohammad, Muhammad, Mohammed
 * and Mohamad; Hossein, Hussein, Husain and Hosein; Khadijeh, Khadija and Xadija; Ghasem, Qasem and
 * Kasem; Abdolrahman, Abdul Rahman and Abdurrahman.
 *
 * <p>How a word becomes its key:
 * <ol>
 *   <li>ICU transliterates any script to Latin, then to ASCII, in lower case: accents go
 *       ({@code Hoseïn}, {@code Ḥusayn}), and a name in Cyrillic gets its Latin form. Arabic script
 *       writes no short vowels, so a name typed in it finds only names typed the same way.
 *       Apostrophes ({@code Ja'far}) disappear; anything else that is not a letter separates words.
 *       A number is a word of its own and kept as it is.</li>
 *   <li>Within one name field, {@code abd} with its article joins the next word ({@code Abd al-Rahman},
 *       {@code Abdul Rahman} → one word), and a lone article ({@code al}, {@code el}) before a word is dropped.</li>
 *   <li>Doubled letters become single ({@code Hossein} → {@code hosein}); the article after {@code abd}
 *       goes ({@code abdol}, {@code abdur}, {@code abdel} → {@code abd}); a final {@code h} after a vowel
 *       goes ({@code Khadijeh}, {@code Fatemeh}).</li>
 *   <li>Letters that spell one sound share a symbol: kh and x; gh, q, k and c; sh and sch; ch and tch;
 *       zh; th and s; dh and z; ph and f; dj and j; w and v.</li>
 *   <li>Vowels, where transliterations disagree most, become classes: a run of vowels holding an
 *       i or y sound with another vowel (the diphthong of Hossein, Husain, Hoseyn, Zeinab) is
 *       {@code I}, any other run {@code V}. So Hassan and Hossein stay apart, and so do Mahmoud and
 *       Mohammad. A y that starts a word before a vowel is a consonant ({@code Yousef}).</li>
 * </ol>
 * A field's key joins its words' keys, so {@code Mohammad Reza} and {@code Mohammadreza} are one key.
 * The key is an index value, never shown. Raise {@link #VERSION} whenever the rules change: stored
 * keys are then computed again at start ({@link NameKeyBackfill}).
 */
public final class NameKey {

    /** The version of these rules; stored keys of an older version are recomputed at start. */
    public static final int VERSION = 1;
    /** The longest key stored; longer keys are cut (a name field holds at most 200 characters). */
    public static final int MAX_LENGTH = 200;

    private static final Pattern APOSTROPHES = Pattern.compile("['`\u2018\u2019\u02B9\u02BB\u02BC\u02BE\u02BF]");
    /** A word: a run of letters, or a run of digits (names rarely hold digits; generated test names do). */
    private static final Pattern WORD = Pattern.compile("[a-z]+|[0-9]+");
    /** {@code abd} alone or with its article ({@code abdul}, {@code abdol}, {@code abdur}, ...): it joins the next word. */
    private static final Pattern ABD_WITH_ARTICLE = Pattern.compile("abd(?:[aeiou][lrsnztd])?");
    private static final Set<String> ARTICLES = Set.of("al", "el", "ol", "ul");
    /** The article inside a joined {@code abd} name: the vowel and an {@code l}, or the vowel alone. */
    private static final Pattern ABD_ARTICLE = Pattern.compile("^abd[aeiou]l?(?=[a-z])");
    private static final Pattern FINAL_H_AFTER_VOWEL = Pattern.compile("([aeiouy])h$");
    /** Spellings of one sound, longest first; upper-case symbols never clash with the lower-case letters left. */
    private static final String[][] DIGRAPHS = {
            {"tsch", "C"}, {"sch", "S"}, {"tch", "C"}, {"dj", "j"}, {"kh", "X"}, {"gh", "K"}, {"sh", "S"},
            {"ch", "C"}, {"zh", "Z"}, {"th", "s"}, {"dh", "z"}, {"ph", "f"}, {"ck", "K"}};

    private NameKey() {
    }

    /** The key of each word of a text, in order; empty when the text has no letters. */
    public static List<String> words(String text) {
        List<String> keys = new ArrayList<>();
        for (String word : joinArticles(asciiWords(text))) {
            keys.add(wordKey(word));
        }
        return keys;
    }

    /** The key of one name field: its words' keys joined, so a name split in two keeps its key. */
    public static String field(String name) {
        String joined = "";
        for (String key : words(name)) {
            joined = join(joined, key);
        }
        return cut(joined);
    }

    /** The key duplicate detection compares: the given-name field and the family-name field. */
    public static String person(String givenName, String familyName) {
        return field(givenName) + " " + field(familyName);
    }

    /**
     * Every key the person is found by: each word of both names, each pair of neighbouring words
     * (so {@code Mohammadreza} finds {@code Mohammad Reza}), and each whole field.
     */
    public static Set<String> searchKeys(String givenName, String familyName) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : List.of(givenName, familyName)) {
            List<String> words = words(name);
            for (int i = 0; i < words.size(); i++) {
                keys.add(cut(words.get(i)));
                if (i + 1 < words.size()) {
                    keys.add(cut(join(words.get(i), words.get(i + 1))));
                }
            }
            if (!words.isEmpty()) {
                keys.add(field(name));
            }
        }
        return keys;
    }

    /**
     * What each word of a query may match: its own key, or its key joined with the word before or
     * after it (so {@code Mohammad Reza} finds {@code Mohammadreza}). Every word must match.
     */
    public static List<Set<String>> queryTerms(String query) {
        List<String> words = words(query);
        List<Set<String>> terms = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Set<String> term = new LinkedHashSet<>();
            term.add(cut(words.get(i)));
            if (i > 0) {
                term.add(cut(join(words.get(i - 1), words.get(i))));
            }
            if (i + 1 < words.size()) {
                term.add(cut(join(words.get(i), words.get(i + 1))));
            }
            terms.add(term);
        }
        return terms;
    }

    private static List<String> asciiWords(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String ascii = APOSTROPHES.matcher(Ascii.TRANSLITERATOR.transliterate(text)).replaceAll("");
        Matcher word = WORD.matcher(ascii);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static List<String> joinArticles(List<String> words) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            while (ABD_WITH_ARTICLE.matcher(word).matches() && i + 1 < words.size()) {
                word = word + words.get(++i);
            }
            if (ARTICLES.contains(word) && i + 1 < words.size()) {
                continue;
            }
            joined.add(word);
        }
        return joined;
    }

    static String wordKey(String word) {
        if (Character.isDigit(word.charAt(0))) {
            return word;
        }
        String s = collapseRuns(word);
        s = ABD_ARTICLE.matcher(s).replaceFirst("abd");
        s = FINAL_H_AFTER_VOWEL.matcher(s).replaceFirst("$1");
        for (String[] digraph : DIGRAPHS) {
            s = s.replace(digraph[0], digraph[1]);
        }
        StringBuilder key = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isVowel(s, i)) {
                int start = i;
                while (i < s.length() && isVowel(s, i)) {
                    i++;
                }
                String run = s.substring(start, i);
                key.append(run.length() > 1 && (run.indexOf('i') >= 0 || run.indexOf('y') >= 0) ? 'I' : 'V');
                continue;
            }
            key.append(switch (c) {
                case 'q', 'k', 'c' -> 'K';
                case 'x' -> 'X';
                case 'w' -> 'v';
                default -> c;
            });
            i++;
        }
        return collapseRuns(key.toString());
    }

    /** A vowel; y too, except at the start of a word before a vowel, where it is a consonant. */
    private static boolean isVowel(String s, int i) {
        char c = s.charAt(i);
        if (c == 'y') {
            return !(i == 0 && s.length() > 1 && "aeiou".indexOf(s.charAt(1)) >= 0);
        }
        return "aeiou".indexOf(c) >= 0;
    }

    private static String collapseRuns(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** Two keys as one word: a symbol both end and start with is written once; numbers stay apart. */
    private static String join(String first, String second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first + second;
        }
        char last = first.charAt(first.length() - 1);
        if (Character.isDigit(last) && Character.isDigit(second.charAt(0))) {
            return first + "-" + second;
        }
        return last == second.charAt(0) ? first + second.substring(1) : first + second;
    }

    private static String cut(String key) {
        return key.length() <= MAX_LENGTH ? key : key.substring(0, MAX_LENGTH);
    }

    /**
     * Built on first use: ICU loads its transliteration rules lazily. Transliterators are stateless
     * and shared. Cyrillic goes through BGN (Юсуф → yusuf, not ISO 9's ûsuf); the filtered step
     * must not come first, or ICU reads its filter as one for the whole chain.
     */
    private static final class Ascii {
        static final Transliterator TRANSLITERATOR = Transliterator.createFromRules("Returnflow-NameAscii",
                ":: NFC ; :: [:Cyrillic:] Russian-Latin/BGN ; :: Any-Latin ; :: Latin-ASCII ; :: Lower ;",
                Transliterator.FORWARD);
    }
}
