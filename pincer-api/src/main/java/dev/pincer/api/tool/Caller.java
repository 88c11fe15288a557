package dev.pincer.api.tool;

import dev.pincer.api.PluginException;
import java.util.Map;

/**
 * Lets a running tool talk back to whoever called it: report progress, send log lines, ask the
 * caller's model ({@link #sample}) or the person behind it ({@link #elicit}).
 *
 * <p>What works depends on the caller. An MCP client gets progress when it asked for it, log lines
 * at the level it set, and sampling and elicitation when it declared those capabilities; the
 * command line gets none, so {@link #NONE} drops progress and log lines and refuses the rest. Check
 * {@link #canSample()} and {@link #canElicit()} first and answer with a {@link ToolResult#error}
 * that says what the tool needs.
 *
 * <p>Implementations are thread-safe and valid only while the call runs.
 *
 * @since 0.1.0
 */
public interface Caller {

    /** A caller that can do none of this: progress and log lines are dropped. */
    Caller NONE = new Caller() {
        @Override
        public void progress(double progress, Double total, String message) {}

        @Override
        public void log(System.Logger.Level level, String message) {}

        @Override
        public boolean canSample() {
            return false;
        }

        @Override
        public SampleReply sample(SampleRequest request) {
            throw new PluginException(
                    "caller.no-sampling",
                    "this caller has no model to ask; only MCP clients that" + " declare the sampling capability do");
        }

        @Override
        public boolean canElicit() {
            return false;
        }

        @Override
        public ElicitReply elicit(String message, Map<String, Object> requestedSchema) {
            throw new PluginException(
                    "caller.no-elicitation",
                    "this caller cannot ask a person for input; only MCP"
                            + " clients that declare the elicitation capability can");
        }
    };

    /**
     * Reports how far the call has got, when the caller asked to hear it; otherwise does nothing.
     *
     * @param progress work done so far; must grow from one report to the next
     * @param total the total work, or {@code null} when unknown
     * @param message a short note for a person, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /**
     * Sends a log line to the caller, if it listens at {@code level} or below; otherwise does
     * nothing. This is not the plugin's own log, which goes to {@code PluginContext.logger()}.
     *
     * @param level how important the line is
     * @param message the line
     */
    void log(System.Logger.Level level, String message);

    /**
     * Returns whether {@link #sample} can work.
     *
     * @return whether the caller has a model to ask
     */
    boolean canSample();

    /**
     * Asks the caller's model for a completion and waits for it.
     *
     * @param request the conversation and limits
     * @return the model's reply
     * @throws PluginException if the caller cannot sample, refused, or failed; its message says which
     */
    SampleReply sample(SampleRequest request);

    /**
     * Returns whether {@link #elicit} can work.
     *
     * @return whether the caller can ask a person
     */
    boolean canElicit();

    /**
     * Asks the person behind the caller to fill in a form, and waits for the answer.
     *
     * @param message what to ask, shown to the person
     * @param requestedSchema a flat JSON Schema object of primitive properties (string, number,
     *     integer, boolean, enums) the answer must fit
     * @return what the person did, and the values they gave
     * @throws PluginException if the caller cannot ask, or the request failed; its message says which
     */
    ElicitReply elicit(String message, Map<String, Object> requestedSchema);
}
