package org.returnflow.detention.api;

import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.NotFoundException;

import java.util.UUID;

/**
 * Object-level authorisation (OWASP API1): a detainee held outside the caller's facilities does
 * not exist for that caller, so the answer is 404, never 403.
 */
final class Reach {

    private Reach() {
    }

    static Detainee require(DetaineeRecords records, UUID id) {
        Caller caller = Caller.current();
        return records.find(id).filter(d -> caller.mayAccessFacility(d.facilityCode()))
                .orElseThrow(() -> new NotFoundException("Detainee", id));
    }

    static boolean reachable(Detainee detainee) {
        return Caller.current().mayAccessFacility(detainee.facilityCode());
    }
}
