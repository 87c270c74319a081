package org.returnflow.notification.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.returnflow.notification.domain.Consulate;
import org.returnflow.notification.domain.ConsulateDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The consulate directory: where each receiving state's consulate is told. */
@RestController
@RequestMapping("/api/consulates")
@Tag(name = "consulates", description = "Where the consulate of each receiving state is told")
class ConsulateController {

    /** A consulate's name and the address its notices go to. */
    record ConsulateRequest(@NotBlank @Size(max = 200) String name,
                            @NotBlank @Email @Size(max = 254) String email) {
    }

    /** @param country ISO 3166-1 alpha-3 code of the state */
    record ConsulateView(String country, String name, String email, Instant updatedAt) {
        static ConsulateView of(Consulate c) {
            return new ConsulateView(c.country(), c.name(), c.email(), c.updatedAt());
        }
    }

    private final ConsulateDirectory directory;

    ConsulateController(ConsulateDirectory directory) {
        this.directory = directory;
    }

    @PutMapping("/{country}")
    @Operation(summary = "Register or replace the consulate of a state (ISO 3166-1 alpha-3): its name and the "
            + "address its notices go to")
    ConsulateView put(@PathVariable @Iso3Country String country, @Valid @RequestBody ConsulateRequest request) {
        return ConsulateView.of(directory.put(country, request.name(), request.email()));
    }

    @GetMapping("/{country}")
    @Operation(summary = "The consulate of a state")
    ConsulateView get(@PathVariable @Iso3Country String country) {
        return ConsulateView.of(directory.get(country));
    }
}
