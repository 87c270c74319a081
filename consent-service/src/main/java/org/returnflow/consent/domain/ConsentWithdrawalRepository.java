package org.returnflow.consent.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface ConsentWithdrawalRepository extends JpaRepository<ConsentWithdrawal, UUID> {

    List<ConsentWithdrawal> findByConsentIdInOrderByWithdrawnAt(Collection<UUID> consentIds);
}
