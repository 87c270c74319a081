package org.returnflow.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

/** A controller shaped like the services' ones, to drive every error path of the advice. */
@RestController
class SampleController {

    enum Kind { APPEAL, COURT_ORDER }

    record SampleRequest(@NotBlank String givenName,
                         @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code") String nationality,
                         @NotNull @PastOrPresent LocalDate dateOfBirth,
                         Kind kind) {
    }

    @PostMapping("/samples")
    @ResponseStatus(HttpStatus.CREATED)
    SampleRequest create(@Valid @RequestBody SampleRequest request) {
        return request;
    }

    @GetMapping("/samples/{id}")
    String get(@PathVariable UUID id) {
        throw new NotFoundException("Sample", id);
    }

    @GetMapping("/samples")
    String list(@RequestParam(defaultValue = "20") @Max(100) int size) {
        return "ok";
    }

    @PostMapping("/samples/{id}/lift")
    String lift(@PathVariable UUID id) {
        throw new ConflictException("The hold is already lifted");
    }

    @PostMapping("/samples/{id}/decision")
    String decide(@PathVariable UUID id) {
        throw new BusinessRuleException("The language differs from the person's and no interpreter is named",
                "interpreter");
    }

    @GetMapping("/samples/boom")
    String boom() {
        throw new IllegalStateException("secret internal detail");
    }
}
