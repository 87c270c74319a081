package org.returnflow.detention.domain;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Custody records. */
public interface DetaineeRepository extends JpaRepository<Detainee, UUID>, JpaSpecificationExecutor<Detainee> {

    /** The next number of the readable case number; a database sequence, so never handed out twice. */
    @Query(value = "select nextval('case_number_seq')", nativeQuery = true)
    long nextCaseNumber();

    /**
     * Makes registrations of one key wait for each other until the end of the transaction, so a
     * duplicate check and the insert it allows cannot interleave with another's.
     */
    @Query(value = "select 1 from pg_advisory_xact_lock(hashtext(:key))", nativeQuery = true)
    int lockRegistrations(String key);

    /** The person who holds an external identifier, by its scheme and key. */
    @Query("select x.detainee.id from ExternalIdentifier x where x.scheme = :scheme and x.valueKey = :valueKey")
    Optional<UUID> holderOf(String scheme, String valueKey);

    /** People with the same phonetic name key, date of birth and nationality, oldest case number first. */
    @Query("select d.id from Detainee d where d.nameKey = :nameKey and d.dateOfBirth = :dateOfBirth "
            + "and d.nationality = :nationality order by d.caseNumber")
    List<UUID> similar(String nameKey, LocalDate dateOfBirth, String nationality);

    /** The minors whose linked guardian is this person. */
    @Query("select d from Detainee d where d.guardian.id = :guardianId order by d.caseNumber")
    List<Detainee> wardsOf(UUID guardianId);
}
