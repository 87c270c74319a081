package org.returnflow.detention;

import org.returnflow.testkit.ServiceStartsIT;

/** The detention-service starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
class DetentionServiceStartsIT extends ServiceStartsIT {
}
