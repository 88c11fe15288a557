package dev.pincer.core.agent;

import dev.pincer.api.channel.Stage;
import dev.pincer.api.channel.StageMessage;
import dev.pincer.api.channel.StageResult;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.RegistrySnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the pipeline stages of one direction over a message, in declared order: plugins in
 * activation order (a plugin's dependencies before it), and within a plugin in the order its
 * manifest's {@code provides.stages} lists them.
 *
 * <p>A stage that throws, times out or answers {@code null} is reported and skipped: the message
 * passes on unchanged. A replacement keeps the message's direction, channel and conversation
 * (stages transform text and metadata; they cannot re-route). Thread-safe.
 */
final class Stages {

    /**
     * What the stages made of a message: the message to go on with, or who dropped it.
     *
     * @param message the message after every stage, or {@code null} when dropped
     * @param droppedBy the stage that dropped it, as {@code plugin/stage}, or {@code null}
     * @param reason the dropping stage's reason, or {@code null}
     */
    record Passage(StageMessage message, String droppedBy, String reason) {
        boolean dropped() {
            return message == null;
        }
    }

    private final PluginHost host;
    private final Consumer<Diagnostic> reports;
    private volatile Ordered cache;

    /** Every stage in running order with the direction it asked for, as of one registry generation. */
    private record Ordered(long generation, List<Directed> stages) {}

    /** A stage and its direction, asked once per registry generation. */
    private record Directed(Capability stage, Stage.Direction direction) {}

    Stages(PluginHost host, Consumer<Diagnostic> reports) {
        this.host = host;
        this.reports = reports;
    }

    /** Returns the stages of {@code direction} in the order they run. */
    List<Capability> of(Stage.Direction direction) {
        RegistrySnapshot registry = host.registry();
        Ordered ordered = cache;
        if (ordered == null || ordered.generation() != registry.generation()) {
            // Sorted once per registry generation, not per message: ordering asks the host.
            ordered = new Ordered(
                    registry.generation(),
                    registry.all(CapabilityKind.STAGE).stream()
                            .sorted(Comparator.comparingInt((Capability c) -> host.orderOf(c.owner()))
                                    .thenComparing(Capability::owner)
                                    .thenComparingInt(this::declaredIndex))
                            .map(c -> new Directed(c, directionOf(c)))
                            .filter(d -> d.direction() != null)
                            .toList());
            cache = ordered;
        }
        return ordered.stages().stream()
                .filter(d -> d.direction() == direction)
                .map(Directed::stage)
                .toList();
    }

    /**
     * Returns the direction a stage asks for, asked through the guard: a stage whose
     * {@code direction()} throws or hangs is reported and left out (until the registry changes),
     * instead of failing every message.
     */
    private Stage.Direction directionOf(Capability capability) {
        Stage stage = capability.valueAs(Stage.class);
        Outcome<Stage.Direction> outcome = host.callInto(capability, Phase.STAGE, null, stage::direction);
        if (outcome instanceof Outcome.Ok<Stage.Direction> ok && ok.value() != null) {
            return ok.value();
        }
        if (outcome instanceof Outcome.Ok<Stage.Direction>) {
            reports.accept(Diagnostic.warning(
                    "agent.stage-direction",
                    capability.owner(),
                    null,
                    "stage '" + capability.name() + "' of plugin '" + capability.owner()
                            + "' answered no direction, so it is left out of the pipeline",
                    "a stage's direction() returns Stage.Direction.INBOUND or OUTBOUND"));
        }
        return null;
    }

    /** Runs {@code message} through the stages of its direction. */
    Passage run(StageMessage message) {
        StageMessage current = message;
        for (Capability capability : of(message.direction())) {
            Stage stage = capability.valueAs(Stage.class);
            StageMessage input = current;
            Outcome<StageResult> outcome = host.callInto(capability, Phase.STAGE, null, () -> stage.apply(input));
            if (!(outcome instanceof Outcome.Ok<StageResult> ok)) {
                continue; // the guard reported it; the message passes on unchanged
            }
            StageResult result = ok.value();
            if (result instanceof StageResult.Drop drop) {
                return new Passage(null, capability.owner() + "/" + capability.name(), drop.reason());
            }
            if (result instanceof StageResult.Replace replace) {
                StageMessage changed = replace.message();
                current = new StageMessage(
                        input.direction(),
                        input.channelId(),
                        input.conversationId(),
                        input.senderId(),
                        changed.text(),
                        changed.metadata());
            } else if (result == null) {
                reports.accept(Diagnostic.warning(
                        "agent.stage-null",
                        capability.owner(),
                        null,
                        "stage '" + capability.name() + "' of plugin '" + capability.owner()
                                + "' answered null; the message passed on unchanged",
                        "a stage returns StageResult.pass(), replace(...) or drop(...)"));
            }
        }
        return new Passage(current, null, null);
    }

    private int declaredIndex(Capability capability) {
        List<String> declared = host.manifestOf(capability.owner())
                .map(m ->
                        m.provides().stages().stream().map(Provides.Stage::name).toList())
                .orElse(List.of());
        int at = declared.indexOf(capability.name());
        return at < 0 ? Integer.MAX_VALUE : at;
    }
}
