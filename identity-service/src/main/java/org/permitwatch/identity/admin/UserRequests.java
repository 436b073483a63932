package org.permitwatch.identity.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.permitwatch.support.security.Role;

/** Request bodies of the users endpoints. */
public final class UserRequests {

    private UserRequests() {}

    public record Create(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3–64 letters, digits, '.', '_' or '-'")
            String username,

            @NotBlank @Size(max = 100) String displayName,
            @NotNull Role role,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "a 6-digit division code")
            String division,

            @Size(max = 100) String inspectorId,
            @Size(max = 30) String phone,
            @Email @Size(max = 200) String email,
            Boolean piiRead,
            Boolean totpRequired,
            @NotBlank String password) {}

    /** Fields left out (null) stay as they are; {@code version}, when given, must be the current one. */
    public record Update(
            @Size(min = 1, max = 100) String displayName,
            @Size(max = 30) String phone,
            @Email @Size(max = 200) String email,
            Boolean piiRead,
            Boolean totpRequired,
            Long version) {}

    public record ResetPassword(@NotBlank String password) {}
}
