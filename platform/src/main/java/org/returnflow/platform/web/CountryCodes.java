package org.returnflow.platform.web;

import java.util.Locale;
import java.util.Set;

/** The ISO 3166-1 alpha-3 code list, from the JDK: one place every service checks a country against. */
public final class CountryCodes {

    private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

    private CountryCodes() {
    }

    /** Whether the code is on the list, in upper case (e.g. {@code IRN}, {@code PAN}). */
    public static boolean isKnown(String code) {
        return code != null && CODES.contains(code);
    }
}
