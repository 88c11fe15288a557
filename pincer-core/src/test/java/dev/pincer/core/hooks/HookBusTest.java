package dev.pincer.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.Registration;
import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookOutcome;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.MessageEvent;
import dev.pincer.api.hook.PromptBuildEvent;
import dev.pincer.api.hook.ToolCallEvent;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Guard;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HookBusTest {

    private static final Duration LONG = Duration.ofSeconds(5);

    /** One failure the guard reported. */
    record Failure(String pluginId, Phase phase, Outcome<?> outcome) {}

    private final ExecutorService guardThreads = Executors.newCachedThreadPool(HookBusTest::daemon);
    private final ExecutorService observerThreads = Executors.newCachedThreadPool(HookBusTest::daemon);
    private final BlockingQueue<Failure> failures = new LinkedBlockingQueue<>();
    private final List<Diagnostic> reports = new CopyOnWriteArrayList<>();
    private final HookBus bus = new HookBus(
            new Guard(guardThreads, (id, phase, outcome) -> failures.add(new Failure(id, phase, outcome))),
            observerThreads,
            reports::add);

    @AfterEach
    void stopThreads() {
        guardThreads.shutdownNow();
        observerThreads.shutdownNow();
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "hook-bus-test");
        thread.setDaemon(true);
        return thread;
    }

    private static MessageEvent message(String text) {
        return new MessageEvent("console", "c1", "s1", "alice", text, Map.of());
    }

    private static ToolCallEvent toolCall(Map<String, Object> arguments) {
        return new ToolCallEvent(new ToolCall("rm", arguments, "call-1", "s1"), true);
    }

    private static PromptBuildEvent prompt() {
        return new PromptBuildEvent("s1", "hi", "");
    }

    private static HookHandler<PromptBuildEvent> appending(String section) {
        return event -> HookOutcome.replace(event.withSystemPromptAppended(section));
    }

    private static <E> HookHandler<E> failing(String message) {
        return event -> {
            throw new IllegalStateException(message);
        };
    }

    private static <E> HookHandler<E> hanging() {
        return event -> {
            new CountDownLatch(1).await();
            return HookOutcome.proceed();
        };
    }

    private static <E> HookHandler<E> mustNotRun(AtomicBoolean ran) {
        return event -> {
            ran.set(true);
            return HookOutcome.proceed();
        };
    }

    private <E> Registration on(String pluginId, HookPoint<E> point, int priority, HookHandler<E> handler) {
        return bus.register(pluginId, point, priority, handler, LONG, null);
    }

    @Test
    void runsHigherPriorityFirstAndRegistrationOrderBreaksTies() {
        on("a", HookPoint.BEFORE_PROMPT_BUILD, 0, appending("a"));
        on("b", HookPoint.BEFORE_PROMPT_BUILD, 10, appending("b"));
        on("c", HookPoint.BEFORE_PROMPT_BUILD, 0, appending("c"));
        on("d", HookPoint.BEFORE_PROMPT_BUILD, Integer.MIN_VALUE, appending("d"));
        on("e", HookPoint.BEFORE_PROMPT_BUILD, 10, appending("e"));
        on("f", HookPoint.BEFORE_PROMPT_BUILD, Integer.MAX_VALUE, appending("f"));

        HookResult<PromptBuildEvent> result = bus.fire(HookPoint.BEFORE_PROMPT_BUILD, prompt());

        assertThat(result.status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(result.event().systemPrompt()).isEqualTo("f\n\nb\n\ne\n\na\n\nc\n\nd");
    }

    @Test
    void observersRunConcurrentlyAndFireDoesNotWaitForThem() throws InterruptedException {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothFinished = new CountDownLatch(2);
        HookHandler<MessageEvent> slow = event -> {
            bothStarted.countDown();
            release.await();
            bothFinished.countDown();
            return HookOutcome.proceed();
        };
        on("audit", HookPoint.MESSAGE_RECEIVED, 0, slow);
        on("stats", HookPoint.MESSAGE_RECEIVED, 0, slow);

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_RECEIVED, message("hello"));

        // Neither observer can finish before release, so fire returned without waiting for them.
        assertThat(bothFinished.getCount()).isEqualTo(2);
        assertThat(result.proceeds()).isTrue();
        assertThat(result.event().text()).isEqualTo("hello");
        // Both are blocked at once, so they run concurrently.
        assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        assertThat(bothFinished.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void failingObserverIsReportedThroughTheGuardAndOthersStillRun() throws InterruptedException {
        CountDownLatch otherRan = new CountDownLatch(1);
        on("broken", HookPoint.MESSAGE_RECEIVED, 0, failing("disk full"));
        on("fine", HookPoint.MESSAGE_RECEIVED, 0, event -> {
            otherRan.countDown();
            return HookOutcome.proceed();
        });

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_RECEIVED, message("hello"));

        assertThat(result.proceeds()).isTrue();
        assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
        Failure failure = failures.poll(5, TimeUnit.SECONDS);
        assertThat(failure).isNotNull();
        assertThat(failure.pluginId()).isEqualTo("broken");
        assertThat(failure.phase()).isEqualTo(Phase.HOOK);
        assertThat(((Outcome.Failed<?>) failure.outcome()).message())
                .isEqualTo("plugin 'broken' failed in hook: IllegalStateException: disk full");
    }

    @Test
    void modifyPassesReplacedEventsAlongAndCancelStopsTheChain() {
        AtomicBoolean lastRan = new AtomicBoolean();
        on("upper", HookPoint.MESSAGE_SENDING, 10, event -> HookOutcome.replace(event.withText("HELLO")));
        on(
                "filter",
                HookPoint.MESSAGE_SENDING,
                5,
                event -> event.text().equals("HELLO")
                        ? HookOutcome.cancel("shouting is not allowed")
                        : HookOutcome.proceed());
        on("late", HookPoint.MESSAGE_SENDING, 0, mustNotRun(lastRan));

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_SENDING, message("hello"));

        assertThat(result.status()).isEqualTo(HookResult.Status.CANCELLED);
        assertThat(result.reason()).isEqualTo("shouting is not allowed");
        assertThat(result.pluginId()).isEqualTo("filter");
        assertThat(result.event().text()).isEqualTo("HELLO");
        assertThat(lastRan).isFalse();
    }

    @Test
    void modifySkipsAFailingPluginAndOtherPluginsStillChangeTheEvent() {
        on("first", HookPoint.MESSAGE_SENDING, 10, event -> HookOutcome.replace(event.withText("one")));
        on("broken", HookPoint.MESSAGE_SENDING, 5, failing("boom"));
        on("last", HookPoint.MESSAGE_SENDING, 0, event -> HookOutcome.replace(event.withText(event.text() + " two")));

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_SENDING, message("hello"));

        assertThat(result.status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(result.event().text()).isEqualTo("one two");
        assertThat(failures).extracting(Failure::pluginId).containsExactly("broken");
    }

    @Test
    void modifyTreatsBlockAsCancelAndReportsTheMisuseOncePerRegistration() {
        on("confused", HookPoint.MESSAGE_SENDING, 0, event -> HookOutcome.block("not today"));

        HookResult<MessageEvent> first = bus.fire(HookPoint.MESSAGE_SENDING, message("hello"));
        bus.fire(HookPoint.MESSAGE_SENDING, message("again"));

        assertThat(first.status()).isEqualTo(HookResult.Status.CANCELLED);
        assertThat(first.reason()).isEqualTo("not today");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).code()).isEqualTo("hooks.outcome-not-honoured");
        assertThat(reports.get(0).pluginId()).isEqualTo("confused");
        assertThat(reports.get(0).message())
                .isEqualTo("plugin 'confused''s message_sending hook answered block, which a modify hook does not"
                        + " honour; it was treated as cancel");
    }

    @Test
    void gateBlockStopsLaterHandlersWithReasonAndPlugin() {
        AtomicBoolean laterRan = new AtomicBoolean();
        on("policy", HookPoint.BEFORE_TOOL_CALL, 10, event -> HookOutcome.block("rm is destructive"));
        on("later", HookPoint.BEFORE_TOOL_CALL, 0, mustNotRun(laterRan));

        HookResult<ToolCallEvent> result = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of("path", "/")));

        assertThat(result.status()).isEqualTo(HookResult.Status.BLOCKED);
        assertThat(result.reason()).isEqualTo("rm is destructive");
        assertThat(result.pluginId()).isEqualTo("policy");
        assertThat(laterRan).isFalse();
    }

    @Test
    void throwingGateFailsClosedNamingThePluginAndTheError() {
        AtomicBoolean laterRan = new AtomicBoolean();
        on("policy", HookPoint.BEFORE_TOOL_CALL, 10, failing("rules database down"));
        on("later", HookPoint.BEFORE_TOOL_CALL, 0, mustNotRun(laterRan));

        HookResult<ToolCallEvent> result = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()));

        assertThat(result.status()).isEqualTo(HookResult.Status.BLOCKED);
        assertThat(result.pluginId()).isEqualTo("policy");
        assertThat(result.reason())
                .isEqualTo("blocked because plugin 'policy''s before_tool_call hook failed:"
                        + " IllegalStateException: rules database down");
        assertThat(laterRan).isFalse();
        assertThat(failures).extracting(Failure::pluginId).containsExactly("policy");
    }

    @Test
    void hangingGateFailsClosedWhenItsTimeoutPasses() {
        AtomicBoolean laterRan = new AtomicBoolean();
        bus.register("slow", HookPoint.BEFORE_TOOL_CALL, 10, hanging(), Duration.ofMillis(100), null);
        on("later", HookPoint.BEFORE_TOOL_CALL, 0, mustNotRun(laterRan));

        HookResult<ToolCallEvent> result = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()));

        assertThat(result.status()).isEqualTo(HookResult.Status.BLOCKED);
        assertThat(result.reason())
                .isEqualTo("blocked because plugin 'slow''s before_tool_call hook did not answer within 100 ms");
        assertThat(laterRan).isFalse();
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.outcome())
                .isInstanceOf(Outcome.TimedOut.class));
    }

    @Test
    void gateMayRewriteTheEventForLaterGatesAndTheCaller() {
        on(
                "redact",
                HookPoint.BEFORE_TOOL_CALL,
                10,
                event -> HookOutcome.replace(event.withArguments(Map.of("path", "/tmp"))));
        on(
                "check",
                HookPoint.BEFORE_TOOL_CALL,
                0,
                event -> event.call().arguments().get("path").equals("/tmp")
                        ? HookOutcome.proceed()
                        : HookOutcome.block("saw the old arguments"));

        HookResult<ToolCallEvent> result = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of("path", "/")));

        assertThat(result.status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(result.event().call().arguments()).containsExactly(Map.entry("path", "/tmp"));
    }

    @Test
    void gateThatReturnsNullOrClaimFailsClosedAndIsReported() {
        bus.register("nully", HookPoint.BEFORE_TOOL_CALL, 0, event -> null, LONG, null);

        HookResult<ToolCallEvent> nullResult = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()));
        bus.unregisterAll("nully");
        on("claimer", HookPoint.BEFORE_TOOL_CALL, 0, event -> HookOutcome.claim("mine"));
        HookResult<ToolCallEvent> claimResult = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()));

        assertThat(nullResult.reason())
                .isEqualTo(
                        "blocked because plugin 'nully''s before_tool_call hook returned null instead of an outcome");
        assertThat(claimResult.status()).isEqualTo(HookResult.Status.BLOCKED);
        assertThat(claimResult.reason())
                .isEqualTo("blocked because plugin 'claimer''s before_tool_call hook answered claim, which a gate"
                        + " does not honour");
        assertThat(reports)
                .extracting(Diagnostic::code)
                .containsExactly("hooks.null-outcome", "hooks.outcome-not-honoured");
    }

    @Test
    void firstClaimWinsAndLaterClaimersAreNotAsked() {
        AtomicBoolean laterRan = new AtomicBoolean();
        on("passer", HookPoint.MESSAGE_CLAIM, 20, event -> HookOutcome.proceed());
        on("echo", HookPoint.MESSAGE_CLAIM, 10, event -> HookOutcome.claim("you said " + event.text()));
        on("later", HookPoint.MESSAGE_CLAIM, 0, mustNotRun(laterRan));

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_CLAIM, message("ping"));

        assertThat(result.status()).isEqualTo(HookResult.Status.CLAIMED);
        assertThat(result.pluginId()).isEqualTo("echo");
        assertThat(result.replyIfAny()).contains("you said ping");
        assertThat(laterRan).isFalse();
    }

    @Test
    void throwingOrHangingClaimerIsSkippedAndTheNextMayClaim() {
        on("broken", HookPoint.MESSAGE_CLAIM, 20, failing("boom"));
        bus.register("slow", HookPoint.MESSAGE_CLAIM, 15, hanging(), Duration.ofMillis(100), null);
        on("quiet", HookPoint.MESSAGE_CLAIM, 10, event -> HookOutcome.claim());

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_CLAIM, message("ping"));

        assertThat(result.status()).isEqualTo(HookResult.Status.CLAIMED);
        assertThat(result.pluginId()).isEqualTo("quiet");
        assertThat(result.replyIfAny()).isEmpty();
        assertThat(failures).extracting(Failure::pluginId).containsExactly("broken", "slow");
    }

    @Test
    void unclaimedMessageProceedsUnchanged() {
        on("passer", HookPoint.MESSAGE_CLAIM, 0, event -> HookOutcome.proceed());

        HookResult<MessageEvent> result = bus.fire(HookPoint.MESSAGE_CLAIM, message("ping"));

        assertThat(result.status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(result.event().text()).isEqualTo("ping");
        assertThat(result.pluginId()).isNull();
    }

    @Test
    void closingARegistrationRemovesOnlyThatHandler() {
        Registration blocker = on("policy", HookPoint.BEFORE_TOOL_CALL, 0, event -> HookOutcome.block("no"));
        on("policy", HookPoint.BEFORE_TOOL_CALL, 0, appendingArgument());

        blocker.close();
        blocker.close();
        HookResult<ToolCallEvent> result = bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()));

        assertThat(result.status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(result.event().call().arguments()).containsEntry("seen", true);
        assertThat(bus.handlerCount(HookPoint.BEFORE_TOOL_CALL)).isEqualTo(1);
    }

    @Test
    void unregisterAllRemovesEveryHandlerOfThePluginAndKeepsOthers() {
        on("gone", HookPoint.BEFORE_TOOL_CALL, 0, event -> HookOutcome.block("no"));
        on("gone", HookPoint.MESSAGE_CLAIM, 0, event -> HookOutcome.claim("mine"));
        on("stays", HookPoint.BEFORE_TOOL_CALL, 0, appendingArgument());

        bus.unregisterAll("gone");

        assertThat(bus.fire(HookPoint.BEFORE_TOOL_CALL, toolCall(Map.of()))
                        .event()
                        .call()
                        .arguments())
                .containsEntry("seen", true);
        assertThat(bus.fire(HookPoint.MESSAGE_CLAIM, message("ping")).status()).isEqualTo(HookResult.Status.PROCEEDED);
        assertThat(bus.handlerCount(HookPoint.MESSAGE_CLAIM)).isZero();
    }

    @Test
    void handlerRemovedDuringAFireIsNotCalled() {
        AtomicBoolean removedRan = new AtomicBoolean();
        Registration[] victim = new Registration[1];
        on("remover", HookPoint.MESSAGE_SENDING, 10, event -> {
            victim[0].close();
            return HookOutcome.proceed();
        });
        victim[0] = on("victim", HookPoint.MESSAGE_SENDING, 0, mustNotRun(removedRan));

        bus.fire(HookPoint.MESSAGE_SENDING, message("hello"));

        assertThat(removedRan).isFalse();
    }

    private static HookHandler<ToolCallEvent> appendingArgument() {
        return event -> HookOutcome.replace(event.withArguments(Map.of("seen", true)));
    }
}
