package org.returnflow.consent.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

public interface BoardedCaseRepository extends JpaRepository<BoardedCase, UUID> {
}
