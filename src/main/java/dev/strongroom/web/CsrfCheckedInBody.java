package dev.strongroom.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page resource that checks the CSRF token itself, from a field at the start of a streamed
 * multipart body, because {@link CsrfGuard}'s form reading would first buffer the whole upload (to
 * disk, with the platform's file modes). Its refusals look and are audited like the guard's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CsrfCheckedInBody {
}
