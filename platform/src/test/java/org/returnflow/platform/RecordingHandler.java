package org.returnflow.platform;

import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records each {@link AssessEligibility} it handles in {@code handled_command}. Destination
 * {@link PlatformTestApplication#FAILING_DESTINATION} makes it fail after writing, so a test can
 * see that the write rolled back.
 */
@Component
class RecordingHandler implements MessageHandler<AssessEligibility> {

    private final JdbcTemplate jdbc;

    RecordingHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Class<AssessEligibility> messageType() {
        return AssessEligibility.class;
    }

    @Override
    public void handle(AssessEligibility command, MessageContext context) {
        jdbc.update("insert into handled_command (case_id, message_id) values (?, ?)", command.caseId(), context.id());
        if (PlatformTestApplication.FAILING_DESTINATION.equals(command.destinationCountry())) {
            throw new IllegalStateException("the handler cannot assess destination "
                    + PlatformTestApplication.FAILING_DESTINATION);
        }
    }
}
