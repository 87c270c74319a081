package org.returnflow.consent;

import org.returnflow.testkit.ServiceStartsIT;

/** The consent-service starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
class ConsentServiceStartsIT extends ServiceStartsIT {
}
