package org.returnflow.detention.domain;

import org.returnflow.platform.web.BadRequestException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An agency's own identifier for a person, such as an A-number: a scheme and a value. The scheme
 * is an upper-case code ({@code A-NUMBER}, {@code FIN}, {@code EURODAC}); the value is kept as
 * written, and compared by its key (upper case, without spaces, dots, slashes and hyphens), so
 * {@code A-123-456-789} and {@code a123456789} are one identifier.
 */
public record ExternalId(String scheme, String value) {

    private static final Pattern SCHEME = Pattern.compile("[A-Z][A-Z0-9-]{1,39}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./-]{0,99}");
    private static final Pattern SEPARATORS = Pattern.compile("[ ./-]");

    /**
     * A checked identifier; a bad scheme or value is a 400 naming {@code field}, or
     * {@code field.<scheme>} for a value.
     */
    public static ExternalId of(String scheme, String value, String field) {
        if (scheme == null || !SCHEME.matcher(scheme).matches()) {
            throw new BadRequestException("'" + scheme + "' is not an identifier scheme: an upper-case code of 2 to 40 "
                    + "letters, digits or hyphens, such as A-NUMBER", field);
        }
        String stripped = value == null ? null : value.strip();
        if (stripped == null || !VALUE.matcher(stripped).matches() || key(stripped).isEmpty()) {
            throw new BadRequestException("must be 1 to 100 letters or digits, optionally separated by spaces, dots, "
                    + "slashes or hyphens", field + "." + scheme);
        }
        return new ExternalId(scheme, stripped);
    }

    /** {@code scheme:value}, as the {@code externalId} search parameter takes it; a bad one is a 400 naming {@code field}. */
    public static ExternalId parse(String schemeAndValue, String field) {
        int colon = schemeAndValue.indexOf(':');
        if (colon < 0) {
            throw new BadRequestException("must be scheme:value, such as A-NUMBER:A123456789", field);
        }
        try {
            return of(schemeAndValue.substring(0, colon), schemeAndValue.substring(colon + 1), field);
        } catch (BadRequestException e) {
            throw new BadRequestException(e.getMessage(), field);
        }
    }

    /** What two identifiers of one scheme are compared by. */
    public String key() {
        return key(value);
    }

    private static String key(String value) {
        return SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
