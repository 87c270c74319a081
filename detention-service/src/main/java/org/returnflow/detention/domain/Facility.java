package org.returnflow.detention.domain;

/**
 * A detention facility this service serves.
 *
 * @param noticeEmail the desk where a person held here receives written notices
 */
public record Facility(String code, String name, String noticeEmail) {
}
