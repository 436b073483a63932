package org.permitwatch.support.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service that uses the library the way real services do: by depending on it, nothing more. */
@SpringBootApplication
public class TestApplication {}
