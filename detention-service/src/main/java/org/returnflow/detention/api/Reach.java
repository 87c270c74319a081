package org.returnflow.detention.api;

import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.ForbiddenException;
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

    /** A registration at a facility outside the caller's is a 403 naming {@code facilityCode}. */
    static void requireRegistrableAt(String facilityCode) {
        if (!Caller.current().mayAccessFacility(facilityCode)) {
            throw new ForbiddenException("This client may not register detainees at " + facilityCode, "facilityCode");
        }
    }

    static boolean reachable(Detainee detainee) {
        return Caller.current().mayAccessFacility(detainee.facilityCode());
    }
}
