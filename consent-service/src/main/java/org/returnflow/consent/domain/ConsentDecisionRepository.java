package org.returnflow.consent.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface ConsentDecisionRepository extends JpaRepository<ConsentDecision, UUID> {

    List<ConsentDecision> findByConsentIdInOrderByDecidedAt(Collection<UUID> consentIds);
}
