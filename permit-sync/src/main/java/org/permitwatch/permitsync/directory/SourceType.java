package org.permitwatch.permitsync.directory;

/** Pollution-source class of the random-inspection directory: special, key or general (特殊/重点/一般). */
public enum SourceType {
    SPECIAL,
    KEY,
    GENERAL
}
