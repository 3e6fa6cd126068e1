package dev.strongroom.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a {@code @QuarkusTest} out of the PostgreSQL pass: its subject is not the catalog (a browser, OCR, a
 * TLS proxy, the offline verifier, the bench scripts), and every query it makes runs on PostgreSQL in the API
 * tests of that capability. Without them the pass took 10.7 minutes in CI instead of 18.2.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface H2PassOnly {

    /** Why the catalog is not what this test is about; shown as the reason the pass skipped it. */
    String value();
}
