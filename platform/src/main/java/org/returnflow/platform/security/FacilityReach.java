package org.returnflow.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * The facilities whose people a caller may reach (object-level access, failing closed): every
 * facility for an agency-wide client, its own for a facility-scoped client, none for a token without
 * the {@code facilities} claim. A record held at no known facility (null) is reached by an agency-wide
 * client only. Domain code takes it as an argument, so it filters in its queries what the caller may see.
 *
 * @param limit the facilities, or empty for no limit
 */
public record FacilityReach(Optional<Set<String>> limit) {

    /** No limit: the system itself, or an agency-wide client. */
    public static final FacilityReach ALL = new FacilityReach(Optional.empty());

    /** A value no facility code can take (none contains a space), so that a query's "in" list is never empty. */
    private static final Set<String> NO_FACILITY = Set.of(" ");

    public FacilityReach {
        limit = limit.map(Set::copyOf);
    }

    /** Only these facilities. */
    public static FacilityReach of(Set<String> facilities) {
        return new FacilityReach(Optional.of(facilities));
    }

    /** The reach of the caller of the current request. */
    public static FacilityReach current() {
        return Caller.current().reach();
    }

    /** Whether a record held at this facility (null: not known) is within reach. */
    public boolean reaches(String facilityCode) {
        return limit.map(f -> facilityCode != null && f.contains(facilityCode)).orElse(true);
    }

    /** Whether every facility is within reach: a query takes {@code (:unlimited = true or facility_code in :codes)}. */
    public boolean unlimited() {
        return limit.isEmpty();
    }

    /** The codes for a query's {@code in :codes}: never empty, and compared only when not {@link #unlimited()}. */
    public Set<String> codes() {
        return limit.filter(f -> !f.isEmpty()).orElse(NO_FACILITY);
    }

    /** Whether nothing at all is within reach (a token without the claim): a query need not run. */
    public boolean nothing() {
        return limit.map(Set::isEmpty).orElse(false);
    }
}
