package org.returnflow.e2e;

import org.returnflow.e2e.Person.ConsentPlan;
import org.returnflow.e2e.Person.ReviewPlan;
import org.returnflow.e2e.Person.Trait;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The people of the reference scenario (docs/design.md), drawn with {@code java.util.Random(seed)}: the
 * same seed gives the same people, traits and decisions. Every variety appears at least as often as
 * its minimum, so a reduced scenario still walks every safeguard path.
 */
public final class Cast {

    /** The six Louisiana facilities of the demo data. */
    public static final List<String> FACILITIES = List.of("LA-ASF", "LA-JENA", "LA-PINE", "LA-WINN", "LA-RICH", "LA-JACK");

    /** Third-country nationalities of the PAN operation; VNM is not covered by the agreement. */
    static final List<String> PAN_NATIONALITIES = List.of("AFG", "CHN", "IND", "IRN", "NPL", "PAK", "LKA", "TUR", "UZB", "VNM");

    private static final Map<String, String> LANGUAGE = Map.of("AFG", "fa-AF", "CHN", "zh", "IND", "hi", "IRN", "fa",
            "NPL", "ne", "PAK", "ur", "LKA", "si", "TUR", "tr", "UZB", "uz", "VNM", "vi");

    private static final List<String> PERSIAN_GIVEN = List.of("Ali", "Reza", "Mohammad", "Hossein", "Mehdi", "Amir",
            "Saeed", "Hamid", "Farhad", "Babak", "Dariush", "Kaveh", "Maryam", "Fatemeh", "Zahra", "Narges", "Leila",
            "Shirin", "Parisa", "Niloufar", "Sara", "Roya");
    private static final List<String> PERSIAN_FAMILY = List.of("Ahmadi", "Hosseini", "Karimi", "Rezaei", "Moradi",
            "Mohammadi", "Rahimi", "Jafari", "Ghorbani", "Sadeghi", "Heidari", "Kazemi", "Mousavi", "Najafi", "Shirazi",
            "Tehrani", "Farahani", "Esfahani", "Rostami", "Bagheri");
    private static final Map<String, List<String>> GIVEN = Map.of(
            "AFG", List.of("Ahmad", "Wahid", "Farid", "Nasrin", "Zarghuna"),
            "CHN", List.of("Wei", "Jun", "Li", "Mei", "Hua"),
            "IND", List.of("Arjun", "Rahul", "Priya", "Sunil", "Anita"),
            "NPL", List.of("Bikash", "Sita", "Ramesh", "Anil", "Gita"),
            "PAK", List.of("Imran", "Bilal", "Ayesha", "Usman", "Sana"),
            "LKA", List.of("Nuwan", "Kasun", "Dilani", "Chamara", "Ishara"),
            "TUR", List.of("Emre", "Murat", "Elif", "Burak", "Zeynep"),
            "UZB", List.of("Rustam", "Dilshod", "Malika", "Jasur", "Nodira"),
            "VNM", List.of("Minh", "Anh", "Thanh", "Hoa", "Duc"));
    private static final Map<String, List<String>> FAMILY = Map.of(
            "AFG", List.of("Popal", "Noori", "Stanikzai", "Wardak"),
            "CHN", List.of("Wang", "Zhang", "Chen", "Liu"),
            "IND", List.of("Sharma", "Patel", "Singh", "Kumar"),
            "NPL", List.of("Gurung", "Thapa", "Shrestha", "Rai"),
            "PAK", List.of("Khan", "Qureshi", "Butt", "Malik"),
            "LKA", List.of("Perera", "Fernando", "Silva", "Bandara"),
            "TUR", List.of("Yilmaz", "Kaya", "Demir", "Celik"),
            "UZB", List.of("Karimov", "Yusupov", "Rakhimov", "Tursunov"),
            "VNM", List.of("Nguyen", "Tran", "Le", "Pham"));

    private final List<Person> irn;
    private final List<Person> pan;

    private Cast(List<Person> irn, List<Person> pan) {
        this.irn = irn;
        this.pan = pan;
    }

    public List<Person> irn() {
        return irn;
    }

    public List<Person> pan() {
        return pan;
    }

    public List<Person> everyone() {
        List<Person> all = new ArrayList<>(irn);
        all.addAll(pan);
        return all;
    }

    /**
     * The people of the scenario.
     *
     * @param irnCount  people of operation IRN-2026-01 (400 in the reference scenario)
     * @param panCount  people of the third-country operation to PAN (119)
     * @param today     the UTC date the scenario runs on; dates of birth and documents are relative to it
     * @param departure the first departure date, for the age of the minors
     */
    public static Cast draw(long seed, int irnCount, int panCount, LocalDate today, LocalDate departure) {
        Random random = new Random(seed);
        List<Person> irn = drawIrn(random, irnCount, today, departure);
        List<Person> pan = drawPan(random, panCount, today, irnCount);
        return new Cast(irn, pan);
    }

    private static List<Person> drawIrn(Random random, int n, LocalDate today, LocalDate departure) {
        // The special cases, at their share of the operation, never fewer than a minimum each.
        List<Trait> traits = new ArrayList<>();
        add(traits, Trait.VALID_PERMIT, Math.max(2, (int) Math.round(n * 0.05)));
        add(traits, Trait.APPEAL, Math.max(2, (int) Math.round(n * 0.03)));
        add(traits, Trait.UNACCOMPANIED_MINOR, Math.max(2, (int) Math.round(n * 0.02)));
        add(traits, Trait.NOT_FIT_TO_FLY, Math.max(2, (int) Math.round(n * 0.02)));
        add(traits, Trait.NO_TRAVEL_DOCUMENT, Math.max(1, (int) Math.round(n * 0.01)));
        add(traits, Trait.ACCOMPANIED_MINOR, 1);
        add(traits, Trait.GUARDIAN, 1);
        if (traits.size() > n) {
            throw new IllegalArgumentException("An IRN operation of " + n + " people is too small for every path; "
                    + "it needs at least " + traits.size());
        }
        while (traits.size() < n) {
            traits.add(Trait.PLAIN);
        }
        Collections.shuffle(traits, random);
        // The consent answers: about 60 % give consent, a third of them through an interpreter.
        List<ConsentPlan> consents = new ArrayList<>();
        int give = (int) Math.round(n * 0.6);
        for (int i = 0; i < n; i++) {
            consents.add(i < give ? (i % 3 == 2 ? ConsentPlan.GIVE_THROUGH_INTERPRETER : ConsentPlan.GIVE) : ConsentPlan.DECLINE);
        }
        Collections.shuffle(consents, random);

        List<Person> people = new ArrayList<>();
        int[] seen = new int[Trait.values().length];
        Person guardian = null;
        Person accompanied = null;
        for (int i = 0; i < n; i++) {
            Trait trait = traits.get(i);
            int k = seen[trait.ordinal()]++;
            ReviewPlan review = switch (trait) {
                case VALID_PERMIT -> k % 5 < 3 ? ReviewPlan.PROCEED_WITH_FOUR_EYES : ReviewPlan.WITHDRAW;
                case UNACCOMPANIED_MINOR -> k % 2 == 0 ? ReviewPlan.PROCEED_WITH_FOUR_EYES : ReviewPlan.WITHDRAW;
                case APPEAL -> k % 2 == 0 ? ReviewPlan.LIFT_HOLD : ReviewPlan.WITHDRAW;
                case NOT_FIT_TO_FLY -> k % 2 == 0 ? ReviewPlan.FIX_AND_RECHECK : ReviewPlan.WITHDRAW;
                case NO_TRAVEL_DOCUMENT -> ReviewPlan.FIX_AND_RECHECK;
                default -> ReviewPlan.NONE;
            };
            boolean minor = trait == Trait.UNACCOMPANIED_MINOR || trait == Trait.ACCOMPANIED_MINOR;
            String language = random.nextInt(100) < 92 ? "fa" : random.nextBoolean() ? "az" : "ar";
            LocalDate born = minor
                    ? departure.minusYears(15 + random.nextInt(3)).minusDays(1 + random.nextInt(300))
                    : today.minusYears(19 + random.nextInt(40)).minusDays(random.nextInt(365));
            Person person = new Person(i + 1, "IRN", "IRN", "IRN", language, pick(random, PERSIAN_GIVEN),
                    pick(random, PERSIAN_FAMILY), born, FACILITIES.get(random.nextInt(FACILITIES.size())),
                    today.minusDays(10 + random.nextInt(400)), !minor && random.nextInt(100) < 85 || minor,
                    trait, review, consents.get(i));
            if (trait == Trait.GUARDIAN) {
                guardian = person;
            }
            if (trait == Trait.ACCOMPANIED_MINOR) {
                accompanied = person;
            }
            people.add(person);
        }
        accompanied.guardian = guardian;
        return people;
    }

    private static List<Person> drawPan(Random random, int n, LocalDate today, int numberOffset) {
        List<String> nationalities = new ArrayList<>();
        int vnm = Math.max(1, (int) Math.round(n * 0.08));
        for (int i = 0; i < vnm; i++) {
            nationalities.add("VNM");
        }
        List<String> covered = PAN_NATIONALITIES.subList(0, PAN_NATIONALITIES.size() - 1);
        for (int i = 0; nationalities.size() < n; i++) {
            nationalities.add(covered.get(i % covered.size()));
        }
        Collections.shuffle(nationalities, random);
        int decline = Math.max(1, (int) Math.round(n * 0.15));
        List<ConsentPlan> consents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consents.add(i < decline ? ConsentPlan.DECLINE : i % 4 == 0 ? ConsentPlan.GIVE_THROUGH_INTERPRETER : ConsentPlan.GIVE);
        }
        Collections.shuffle(consents, random);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String nationality = nationalities.get(i);
            boolean agreed = !"VNM".equals(nationality);
            List<String> given = "IRN".equals(nationality) ? PERSIAN_GIVEN : GIVEN.get(nationality);
            List<String> family = "IRN".equals(nationality) ? PERSIAN_FAMILY : FAMILY.get(nationality);
            people.add(new Person(numberOffset + i + 1, "PAN", "PAN", nationality, LANGUAGE.get(nationality),
                    pick(random, given), pick(random, family), today.minusYears(20 + random.nextInt(35)).minusDays(random.nextInt(365)),
                    FACILITIES.get(random.nextInt(FACILITIES.size())), today.minusDays(10 + random.nextInt(300)),
                    random.nextInt(100) < 70, agreed ? Trait.PLAIN : Trait.NOT_COVERED_BY_AGREEMENT,
                    agreed ? ReviewPlan.NONE : ReviewPlan.WITHDRAW, consents.get(i)));
        }
        return people;
    }

    private static void add(List<Trait> traits, Trait trait, int count) {
        for (int i = 0; i < count; i++) {
            traits.add(trait);
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
