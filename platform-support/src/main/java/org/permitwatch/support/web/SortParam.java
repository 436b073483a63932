package org.permitwatch.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a list endpoint's {@code sort} query parameter with its whitelist (an enum of {@link SortKey}s), so the OpenAPI
 * document lists the allowed values as an enum (platform-support's openapi package) and the generated clients type
 * them. The controller parses the parameter with {@link ListSort#orderBy} and the same enum.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SortParam {

    /** The enum whose constants are the sortable fields. */
    Class<? extends SortKey> value();
}
