package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.CustodyStatus;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a list of detainees is narrowed to: optional filters, and the facilities the caller may
 * see (empty = no limit).
 */
public record DetaineeFilter(String nationality, String facilityCode, CustodyStatus status,
                             Optional<Set<String>> reachableFacilities) {

    Specification<Detainee> specification() {
        return (root, query, cb) -> {
            List<jakarta.persistence.criteria.Predicate> where = new ArrayList<>();
            if (nationality != null) {
                where.add(cb.equal(root.get("nationality"), nationality));
            }
            if (facilityCode != null) {
                where.add(cb.equal(root.get("facilityCode"), facilityCode));
            }
            if (status != null) {
                where.add(cb.equal(root.get("custodyStatus"), status));
            }
            reachableFacilities.ifPresent(codes -> where.add(codes.isEmpty() ? cb.disjunction()
                    : root.get("facilityCode").in(codes)));
            return cb.and(where.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }
}
