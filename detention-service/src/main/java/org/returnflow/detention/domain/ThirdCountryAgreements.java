package org.returnflow.detention.domain;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which nationalities each receiving country accepts under a third-country agreement (S6), by
 * ISO 3166-1 alpha-3 code: destination → nationalities.
 */
public record ThirdCountryAgreements(Map<String, Set<String>> acceptedByDestination) {

    public ThirdCountryAgreements {
        acceptedByDestination = acceptedByDestination.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    /** Whether a removal of this nationality to this destination is covered; a return home always is. */
    public boolean covers(String destination, String nationality) {
        return destination.equals(nationality)
                || acceptedByDestination.getOrDefault(destination, Set.of()).contains(nationality);
    }
}
