package dev.strongroom.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks page resources whose forms {@link CsrfGuard} checks. A binding, not a global filter,
 * because the check reads the form body, and a global body-reading filter would make the streamed
 * API upload read its whole body before the resource sees it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CsrfChecked {
}
