package org.permitwatch.inspection.remote;

import java.util.List;
import java.util.UUID;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The remote checks of a province draw (晋环发〔2022〕18号 三(二): the province's 随机抽取 remote checks on the national
 * platform): one run of the remote rules restricted to the drawn units, recorded with the draw's id. Runs inside the
 * caller's transaction, so the draw, its run and its alerts commit together.
 */
@Component
public class DrawnUnitsRemoteCheck {

    /** The run's id and its alert counts. */
    public record Outcome(UUID runId, int raised, int updated, int resolved) {}

    private final RemoteCheckEngine engine;

    DrawnUnitsRemoteCheck(RemoteCheckEngine engine) {
        this.engine = engine;
    }

    /** 409 {@value RemoteCheckEngine#RUNNING} while another run holds the lock (the draw then fails as a whole). */
    public Mono<Outcome> run(UUID drawId, DivisionCode scope, List<String> permitNumbers, String requestedBy) {
        return engine.run(
                        RemoteCheckEngine.Trigger.DRAW,
                        scope,
                        requestedBy,
                        new RemoteCheckEngine.Units(drawId, List.copyOf(permitNumbers)))
                .map(run -> new Outcome(run.id(), run.raised(), run.updated(), run.resolved()));
    }
}
