package org.returnflow.contracts;

import java.util.UUID;

/** A message about one removal case; its caseId is the Kafka key and the CloudEvents subject. */
public interface CaseMessage extends Message {

    /** The case this message is about; null only where the record documents it as optional. */
    UUID caseId();
}
