package org.returnflow.workflow.api;

import org.returnflow.platform.web.ApiException;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The forms a report comes in. {@code ?format=json|csv|pdf} chooses one outright; otherwise the
 * {@code Accept} header does, by quality (JSON when it accepts anything or says nothing).
 */
enum ReportFormat {
    JSON(MediaType.APPLICATION_JSON, "json"),
    CSV(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8), "csv"),
    PDF(MediaType.APPLICATION_PDF, "pdf");

    final MediaType mediaType;
    final String extension;

    ReportFormat(MediaType mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** 406 as a problem: the client accepts none of the forms. */
    static final class NotAcceptable extends ApiException {
        NotAcceptable(String accept) {
            super(HttpStatus.NOT_ACCEPTABLE, "A report comes as application/json, text/csv or application/pdf; Accept: "
                    + accept + " takes none of them (or add ?format=)", "Accept");
        }
    }

    static ReportFormat choose(String format, String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "pdf" -> PDF;
                default -> throw new BadRequestException("format must be json, csv or pdf", "format");
            };
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            throw new BadRequestException("Accept is not a list of media types: " + e.getMessage(), "Accept");
        }
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType wanted : accepted) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            for (ReportFormat candidate : values()) {
                if (wanted.includes(candidate.mediaType)) {
                    return candidate;
                }
            }
            // application/problem+json alone (an error-only client) still reads JSON best
            if (wanted.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                return JSON;
            }
        }
        throw new NotAcceptable(accept);
    }
}
