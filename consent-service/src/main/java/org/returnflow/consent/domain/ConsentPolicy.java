package org.returnflow.consent.domain;

import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.BusinessRuleException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a decision must meet to stand up to scrutiny (S3): who recorded it, in what language,
 * with which interpreter, on what evidence; and when a consent after a long detention must be
 * reviewed.
 */
public class ConsentPolicy {

    /** BCP 47 as the contracts accept it: a lower-case primary subtag, then subtags. */
    public static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");
    /** A SHA-256 in lower-case hex. */
    public static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final int reviewAfterDays;

    /** @param reviewAfterDays days in detention from which a consent given is flagged for review */
    public ConsentPolicy(int reviewAfterDays) {
        if (reviewAfterDays < 0) {
            throw new IllegalArgumentException("reviewAfterDays must not be negative");
        }
        this.reviewAfterDays = reviewAfterDays;
    }

    public int reviewAfterDays() {
        return reviewAfterDays;
    }

    /**
     * Checks a decision against the person's preferred language.
     *
     * @throws BadRequestException   (400) when a required field is missing or malformed
     * @throws BusinessRuleException (422) when consent is given in another language without an interpreter
     */
    public void check(DecisionInput input, String preferredLanguage) {
        if (input.decision() == null) {
            throw new BadRequestException("decision is required: GIVEN or DECLINED", "decision");
        }
        if (input.officer() == null) {
            throw new BadRequestException("officer is required: who recorded the decision", "officer");
        }
        if (input.language() != null && !LANGUAGE.matcher(input.language()).matches()) {
            throw new BadRequestException("language must be a BCP 47 tag such as fa or fa-IR", "language");
        }
        if (input.evidenceSha256() != null && !isSha256(input.evidenceSha256())) {
            throw new BadRequestException(
                    "evidenceSha256 must be the SHA-256 of the evidence: 64 lower-case hexadecimal characters",
                    "evidenceSha256");
        }
        if (input.decision() != Decision.GIVEN) {
            return;
        }
        if (input.language() == null) {
            throw new BadRequestException("language is required when consent is given", "language");
        }
        if (input.evidenceSha256() == null) {
            throw new BadRequestException("evidenceSha256 is required when consent is given", "evidenceSha256");
        }
        if (input.interpreter() == null && !sameLanguage(input.language(), preferredLanguage)) {
            throw new BusinessRuleException("Consent was given in '" + input.language()
                    + "', not in the person's preferred language '" + preferredLanguage
                    + "': name the interpreter who took part, or record it in the person's language",
                    "interpreter");
        }
    }

    /** Whether two BCP 47 tags name the same language: their primary subtags match (fa = fa-IR). */
    public static boolean sameLanguage(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return primarySubtag(a).equals(primarySubtag(b));
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    /** Whole days from the first day of detention to the day of the decision (UTC), never negative. */
    public int daysInDetention(LocalDate detainedSince, Instant at) {
        long days = ChronoUnit.DAYS.between(detainedSince, at.atZone(ZoneOffset.UTC).toLocalDate());
        return (int) Math.max(0, days);
    }

    /** A consent given after this many days in detention must be reviewed before it is relied on. */
    public boolean reviewRequired(int daysInDetention) {
        return daysInDetention >= reviewAfterDays;
    }

    private static String primarySubtag(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
