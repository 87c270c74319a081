package org.returnflow.notification;

import org.returnflow.testkit.ServiceStartsIT;

/** The notification-service starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
class NotificationServiceStartsIT extends ServiceStartsIT {
}
