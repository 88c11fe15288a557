package dev.pincer.core.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cycles of the dependency graph: its strongly connected components with more than one
 * member (self-dependencies are refused by manifest validation). Iterative, so deep chains of
 * plugins cannot overflow the stack.
 *
 * <p>Not thread-safe: one instance per search.
 */
final class Tarjan {

    private final Map<String, Candidate> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private int counter;

    Tarjan(Map<String, Candidate> graph) {
        this.graph = graph;
    }

    List<List<String>> components() {
        for (String id : graph.keySet()) {
            if (!index.containsKey(id)) {
                visit(id);
            }
        }
        return components;
    }

    private void visit(String root) {
        Deque<Frame> frames = new ArrayDeque<>();
        enter(root, frames);
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next < frame.edges.size()) {
                String to = frame.edges.get(frame.next++);
                if (!index.containsKey(to)) {
                    enter(to, frames);
                } else if (onStack.contains(to)) {
                    low.merge(frame.id, index.get(to), Math::min);
                }
                continue;
            }
            frames.pop();
            if (!frames.isEmpty()) {
                low.merge(frames.peek().id, low.get(frame.id), Math::min);
            }
            if (low.get(frame.id).equals(index.get(frame.id))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(frame.id));
                if (component.size() > 1) {
                    components.add(List.copyOf(component));
                }
            }
        }
    }

    private void enter(String id, Deque<Frame> frames) {
        index.put(id, counter);
        low.put(id, counter);
        counter++;
        stack.push(id);
        onStack.add(id);
        List<String> edges = graph.get(id).dependencies().keySet().stream()
                .filter(graph::containsKey)
                .sorted()
                .toList();
        frames.push(new Frame(id, edges));
    }

    private static final class Frame {
        final String id;
        final List<String> edges;
        int next;

        Frame(String id, List<String> edges) {
            this.id = id;
            this.edges = edges;
        }
    }
}
