package org.returnflow.notification.domain;

import org.returnflow.platform.web.CountryCodes;

import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Which address a receiving state's consulate is told at, by ISO 3166-1 alpha-3 country code. */
@Service
public class ConsulateDirectory {

    private final ConsulateRepository consulates;
    private final AuditLog audit;
    private final Clock clock;

    public ConsulateDirectory(ConsulateRepository consulates, AuditLog audit, Clock clock) {
        this.consulates = consulates;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets the consulate of a state, audited under the caller's principal. */
    @Transactional
    public Consulate put(String country, String name, String email) {
        String code = checkedCountry(country);
        Consulate consulate = consulates.findById(code)
                .map(existing -> {
                    existing.update(name.trim(), email.trim(), clock.instant());
                    return existing;
                })
                .orElseGet(() -> consulates.save(new Consulate(code, name.trim(), email.trim(), clock.instant())));
        audit.recordChange("CONSULATE_SET", "Consulate", code, null);
        return consulate;
    }

    @Transactional(readOnly = true)
    public Consulate get(String country) {
        String code = checkedCountry(country);
        return consulates.findById(code).orElseThrow(() -> new NotFoundException("Consulate", code));
    }

    @Transactional(readOnly = true)
    public Optional<Consulate> find(String country) {
        return country == null ? Optional.empty() : consulates.findById(country);
    }

    /** A country must be an ISO 3166-1 alpha-3 code, upper case: {@code IRN}, not {@code IR} or {@code irn}. */
    public static String checkedCountry(String country) {
        if (!isIso3Country(country)) {
            throw new BadRequestException("'" + country + "' is not an ISO 3166-1 alpha-3 country code", "country");
        }
        return country;
    }

    public static boolean isIso3Country(String country) {
        return CountryCodes.isKnown(country);
    }
}
