package org.returnflow.detention.domain;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.UUID;

/** Custody records. */
public interface DetaineeRepository extends JpaRepository<Detainee, UUID>, JpaSpecificationExecutor<Detainee> {

    /** The next number of the readable case number; a database sequence, so never handed out twice. */
    @Query(value = "select nextval('case_number_seq')", nativeQuery = true)
    long nextCaseNumber();
}
