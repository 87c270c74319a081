package org.returnflow.contracts;

import java.util.UUID;

/** A message about one detained person, identified only by id. */
public interface DetaineeMessage extends Message {

    /** The detainee this message is about. */
    UUID detaineeId();
}
