package org.permitwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void theStandardsExampleFrame() {
        String segment =
                "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
        assertThat(Frames.wrap(segment)).isEqualTo("##0101" + segment + "1C80\r\n");
    }

    @Test
    void anomaliesShareThePointsByPercent() {
        var anomalies = Hj212Simulator.Anomalies.parse("exceedance=5,constant=2");
        assertThat(anomalies.behaviour(0)).isEqualTo(Hj212Simulator.Behaviour.EXCEEDANCE);
        assertThat(anomalies.behaviour(4)).isEqualTo(Hj212Simulator.Behaviour.EXCEEDANCE);
        assertThat(anomalies.behaviour(5)).isEqualTo(Hj212Simulator.Behaviour.CONSTANT);
        assertThat(anomalies.behaviour(7)).isEqualTo(Hj212Simulator.Behaviour.NORMAL);
    }
}
