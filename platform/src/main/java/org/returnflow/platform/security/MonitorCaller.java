package org.returnflow.platform.security;

import java.util.Optional;

/**
 * An independent return monitor calling: a client whose token carries the monitor scope of the
 * service it calls (flight-service: {@code flights:monitor}). The token proves only which monitor
 * calls, its client id being the {@code monitorId}; which flights it may see is kept by the service
 * (flight-service's assignments, the workflow's copy of them from {@code MonitorAssigned} and
 * {@code MonitorUnassigned}) and checked on every request, so a new or ended assignment takes effect
 * at once, without waiting for a token to expire. Anything outside the monitor's assignments
 * answers 404, as if it did not exist.
 *
 * @param monitorId the monitor's client id (the token's subject)
 * @param identify  whether the token carries {@link #IDENTIFY_SCOPE}: only then may the monitor see
 *                  what identifies a person beyond ids and codes (names, nationality)
 */
public record MonitorCaller(String monitorId, boolean identify) {

    /** The monitor role on flight-service: a monitor's manifest view and its reports. */
    public static final String FLIGHTS_SCOPE = "flights:monitor";

    /** Lets a monitor see what identifies the people it monitors (names, nationality). */
    public static final String IDENTIFY_SCOPE = "monitor:identify";

    /**
     * The current caller as a monitor of the given role scope, or empty when it does not hold that
     * scope (then it is an ordinary client, and the usual rules apply).
     */
    public static Optional<MonitorCaller> find(String roleScope) {
        return Caller.find().flatMap(caller -> of(caller, roleScope));
    }

    /** The caller as a monitor of the given role scope, or empty when it does not hold that scope. */
    public static Optional<MonitorCaller> of(Caller caller, String roleScope) {
        if (!caller.hasScope(roleScope)) {
            return Optional.empty();
        }
        return Optional.of(new MonitorCaller(caller.principal(), caller.hasScope(IDENTIFY_SCOPE)));
    }
}
