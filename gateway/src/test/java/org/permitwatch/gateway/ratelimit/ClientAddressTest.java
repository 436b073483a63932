package org.permitwatch.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress noProxy = new ClientAddress(ClientAddress.TRUST_NONE);
    private final ClientAddress behindIngress = new ClientAddress("10\\.0\\.0\\.\\d+");

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnoredEvenFromLoopback() {
        assertThat(noProxy.of("127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
        assertThat(new ClientAddress("").of("127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void fromAnUntrustedPeerTheForwardedHeaderIsIgnored() {
        assertThat(behindIngress.of("198.51.100.1", "203.0.113.7")).isEqualTo("198.51.100.1");
    }

    @Test
    void fromATrustedPeerTheRightMostUntrustedEntryIsTheClient() {
        assertThat(behindIngress.of("10.0.0.2", "1.1.1.1, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindIngress.of("10.0.0.2", "1.1.1.1, 203.0.113.7, 10.0.0.9"))
                .isEqualTo("203.0.113.7");
        assertThat(behindIngress.of("10.0.0.2", " , 203.0.113.7 ,")).isEqualTo("203.0.113.7");
    }

    @Test
    void onlyTrustedHopsOrNoHeaderMeansThePeer() {
        assertThat(behindIngress.of("10.0.0.2", "10.0.0.3, 10.0.0.4")).isEqualTo("10.0.0.2");
        assertThat(behindIngress.of("10.0.0.2", null)).isEqualTo("10.0.0.2");
    }
}
