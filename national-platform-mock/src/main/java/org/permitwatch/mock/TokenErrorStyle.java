package org.permitwatch.mock;

/** How the platform answers an unknown or expired token: the contract allows both. */
public enum TokenErrorStyle {
    /** {@code 401} with body {@code {"code":40101,...}}. */
    HTTP_401,
    /** {@code 200 {"code":40101,"message":"token无效或已过期"}}. */
    CODE_40101
}
