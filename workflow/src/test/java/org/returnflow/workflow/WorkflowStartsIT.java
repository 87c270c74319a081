package org.returnflow.workflow;

import org.returnflow.testkit.ServiceStartsIT;

/** The workflow starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
@org.springframework.test.context.ActiveProfiles("local")
class WorkflowStartsIT extends ServiceStartsIT {
}
