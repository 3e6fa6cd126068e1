package dev.strongroom.security;

import dev.strongroom.http.Roles;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;

/**
 * A role list of at most the four known roles. One check on the whole list rather than a constraint
 * on each element: a body with 100,000 unknown roles would otherwise cost 100,000 interpolated
 * violations, seconds of CPU per request.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownRoles.Check.class)
public @interface KnownRoles {

    String message() default "must name one to four of analyst, auditor, ops, admin, each at most once";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is left to {@code @NotNull}. */
    final class Check implements ConstraintValidator<KnownRoles, Collection<String>> {
        @Override
        public boolean isValid(Collection<String> roles, ConstraintValidatorContext context) {
            return roles == null || (!roles.isEmpty() && roles.size() <= Roles.ALL.size()
                    && roles.stream().allMatch(r -> r != null && Roles.ALL.contains(r)));
        }
    }
}
