package org.permitwatch.permitsync.directory;

/** The platform sent a value the directory has no mapping for; the permit is reported, not guessed. */
class UnmappablePermitException extends RuntimeException {

    UnmappablePermitException(String message) {
        super(message);
    }
}
