package org.returnflow.detention.api;

import org.returnflow.detention.domain.Detainee;
import org.returnflow.platform.web.ApiException;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a custody record as an HTTP entity tag: {@code ETag: "7"} on every response that
 * carries the record, and {@code If-Match: "7"} on a change, so that a change made on a stale copy
 * answers 412 instead of overwriting someone else's.
 */
final class ETags {

    static final String IF_MATCH = "If-Match";
    private static final Pattern STRONG = Pattern.compile("\"(\\d{1,18})\"");

    private ETags() {
    }

    static String of(Detainee detainee) {
        return "\"" + (detainee.version() == null ? 0 : detainee.version()) + "\"";
    }

    /** The version a PATCH was made on: 428 without {@code If-Match} (or with {@code *}), 400 when malformed. */
    static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new PreconditionRequired();
        }
        return parse(ifMatch);
    }

    /** The version named by an optional {@code If-Match}, or null without one (or with {@code *}). */
    static Long optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        return parse(ifMatch);
    }

    private static long parse(String ifMatch) {
        Matcher strong = STRONG.matcher(ifMatch.strip());
        if (!strong.matches()) {
            throw new BadRequestException("must be the one strong ETag a GET of the record returned, such as \"7\"",
                    IF_MATCH);
        }
        return Long.parseLong(strong.group(1));
    }

    /** 428: a change to a record must say which version it was made on. */
    static final class PreconditionRequired extends ApiException {
        PreconditionRequired() {
            super(HttpStatus.PRECONDITION_REQUIRED, "A change to a custody record needs If-Match with the ETag of the "
                    + "version you read (GET /api/detainees/{id} returns it), so that no one's change is lost", IF_MATCH);
        }
    }
}
