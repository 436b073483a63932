package org.permitwatch.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spring's JCL calls go through SLF4J's jcl-over-slf4j, which checks the level before it renders a message (ADR 0067):
 * commons-logging 1.3's adapter rendered every lazy debug message with DEBUG off.
 */
class JclBridgeTest {

    private static final String NAME = "org.permitwatch.support.logging.JclBridgeTest.probe";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);

    /** A message whose rendering is visible: it throws when turned into text. */
    private static final Object RENDERING_FAILS = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("rendered");
        }
    };

    @AfterEach
    void resetLevel() {
        logback.setLevel(null);
    }

    @Test
    void aDebugMessageIsNotRenderedWhileDebugIsOff() {
        Log log = LogFactory.getLog(NAME);
        assertThat(log.getClass().getName()).isEqualTo("org.apache.commons.logging.impl.SLF4JLocationAwareLog");
        logback.setLevel(Level.INFO);
        log.debug(RENDERING_FAILS);
        log.trace(RENDERING_FAILS);
        assertThat(log.isDebugEnabled()).isFalse();
    }

    @Test
    void aDebugMessageIsRenderedOnceDebugIsOn() {
        Log log = LogFactory.getLog(NAME);
        logback.setLevel(Level.DEBUG);
        assertThat(log.isDebugEnabled()).isTrue();
        assertThatThrownBy(() -> log.debug(RENDERING_FAILS)).hasMessage("rendered");
    }
}
