package org.returnflow.detention.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.returnflow.contracts.detention.CustodyStatus;
import org.springframework.data.jpa.domain.Specification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a list of detainees is narrowed to: optional filters, and the facilities the caller may
 * see (empty = no limit). Every filter given must hold.
 *
 * @param nameTerms  one entry per word of the name query: the phonetic keys that word may match
 *                   ({@link NameKey#queryTerms}); every word must match one of the person's keys
 * @param caseNumber Returnflow's readable case number ({@code RF-2026-000123}), exactly
 * @param caseId     the removal case detention last learned for the person (their open case)
 * @param externalId an agency's identifier, compared by its key
 */
public record DetaineeFilter(String nationality, String facilityCode, CustodyStatus status, List<Set<String>> nameTerms,
                             LocalDate dateOfBirth, String caseNumber, UUID caseId, ExternalId externalId,
                             Optional<Set<String>> reachableFacilities) {

    public DetaineeFilter {
        nameTerms = nameTerms == null ? List.of() : nameTerms.stream().map(Set::copyOf).toList();
    }

    /** Only the filters a list has always had. */
    public static DetaineeFilter of(String nationality, String facilityCode, CustodyStatus status,
                                    Optional<Set<String>> reachableFacilities) {
        return new DetaineeFilter(nationality, facilityCode, status, List.of(), null, null, null, null,
                reachableFacilities);
    }

    Specification<Detainee> specification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            equal(where, cb, root, "nationality", nationality);
            equal(where, cb, root, "facilityCode", facilityCode);
            equal(where, cb, root, "custodyStatus", status);
            equal(where, cb, root, "dateOfBirth", dateOfBirth);
            equal(where, cb, root, "caseNumber", caseNumber);
            equal(where, cb, root, "openCaseId", caseId);
            for (Set<String> term : nameTerms) {
                where.add(hasNameKey(root, query, cb, term));
            }
            if (externalId != null) {
                where.add(holds(root, query, cb, externalId));
            }
            reachableFacilities.ifPresent(codes -> where.add(codes.isEmpty() ? cb.disjunction()
                    : root.get("facilityCode").in(codes)));
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static void equal(List<Predicate> where, CriteriaBuilder cb, Root<Detainee> root, String field, Object value) {
        if (value != null) {
            where.add(cb.equal(root.get(field), value));
        }
    }

    /** exists (select 1 from detainee_name_key k where k.detainee_id = d.id and k.name_key in (:term)) */
    private static Predicate hasNameKey(Root<Detainee> root, CriteriaQuery<?> query, CriteriaBuilder cb,
                                        Set<String> term) {
        Subquery<Integer> keys = query.subquery(Integer.class);
        Root<Detainee> same = keys.correlate(root);
        Join<Detainee, String> key = same.join("searchKeys");
        keys.select(cb.literal(1)).where(key.in(term));
        return cb.exists(keys);
    }

    private static Predicate holds(Root<Detainee> root, CriteriaQuery<?> query, CriteriaBuilder cb,
                                   ExternalId externalId) {
        Subquery<Integer> ids = query.subquery(Integer.class);
        Root<ExternalIdentifier> held = ids.from(ExternalIdentifier.class);
        ids.select(cb.literal(1)).where(cb.equal(held.get("detainee"), root),
                cb.equal(held.get("scheme"), externalId.scheme()), cb.equal(held.get("valueKey"), externalId.key()));
        return cb.exists(ids);
    }
}
