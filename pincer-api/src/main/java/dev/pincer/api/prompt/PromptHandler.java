package dev.pincer.api.prompt;

import java.util.List;
import java.util.Map;

/**
 * Renders one prompt, and suggests values for its arguments.
 *
 * <p>Pincer calls handlers concurrently, through the same guard as tools, after checking that
 * every required argument is present.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PromptHandler {

    /**
     * Returns the prompt's messages for the given arguments.
     *
     * @param arguments the arguments by name; every required one is present
     * @return the messages, in order, never {@code null}
     * @throws Exception if the prompt cannot be rendered
     */
    List<PromptMessage> render(Map<String, String> arguments) throws Exception;

    /**
     * Suggests values for one argument that start with what was typed so far. By default there
     * are none.
     *
     * @param argument the argument's name
     * @param prefix what was typed so far, possibly empty
     * @return suggestions, best first; at most the first 100 are used
     * @throws Exception if suggesting fails
     */
    default List<String> complete(String argument, String prefix) throws Exception {
        return List.of();
    }
}
