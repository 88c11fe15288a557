package dev.pincer.core.resolve;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.manifest.VersionRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolves semver dependencies between plugins and against the host version, and orders the
 * plugins that resolve for activation.
 *
 * <p>Every failure is reported with a suggestion, and a failure excludes only the plugin concerned
 * and the plugins that need it: the rest still resolve. The order is deterministic: dependencies
 * first, ties broken by id. Stateless apart from the host version; thread-safe.
 *
 * @since 0.1.0
 */
public final class DependencyResolver {

    /** Other requirements named in a version-conflict message before "and N more". */
    private static final int SHOWN_REQUIREMENTS = 5;

    private final SemanticVersion hostVersion;

    /** Creates a resolver for a host of version {@code hostVersion}. */
    public DependencyResolver(SemanticVersion hostVersion) {
        this.hostVersion = Objects.requireNonNull(hostVersion, "hostVersion");
    }

    /**
     * Resolves {@code candidates}.
     *
     * @param candidates the plugins that may be activated
     * @param unavailable installed plugins that may not be used, each with a sentence saying why
     *     (e.g. {@code "disabled: disabled in ~/.pincer/config.toml"})
     * @param shadowed for each id, copies of it that lost to a higher root, for hints
     */
    public Resolution resolve(
            List<Candidate> candidates, Map<String, String> unavailable, Map<String, List<Candidate>> shadowed) {
        Run run = new Run(candidates, unavailable, shadowed);
        run.checkEach();
        run.findCycles();
        run.propagate();
        return new Resolution(run.order(), run.outcomes(), run.diagnostics);
    }

    /** The state of one resolution; not thread-safe. */
    private final class Run {
        private final Map<String, Candidate> byId = new LinkedHashMap<>();
        private final Map<String, String> unavailable;
        private final Map<String, List<Candidate>> shadowed;
        private final Map<String, String> failures = new HashMap<>();
        private final Map<String, Map<String, Requirement.Status>> statuses = new HashMap<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private Map<String, List<Candidate>> requirers;

        Run(List<Candidate> candidates, Map<String, String> unavailable, Map<String, List<Candidate>> shadowed) {
            candidates.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(c -> byId.put(c.id(), c));
            this.unavailable = unavailable;
            this.shadowed = shadowed;
        }

        void checkEach() {
            for (Candidate c : byId.values()) {
                Map<String, Requirement.Status> own = new LinkedHashMap<>();
                statuses.put(c.id(), own);
                if (c.hostRange() != null && !c.hostRange().includes(hostVersion)) {
                    fail(
                            c,
                            "resolve.host-version",
                            "requires Pincer " + c.hostRange() + ", but this is Pincer " + hostVersion,
                            "use a version of '" + c.id() + "' made for Pincer " + hostVersion + ", or a Pincer in "
                                    + c.hostRange());
                }
                c.dependencies().forEach((dep, range) -> own.put(dep, check(c, dep, range)));
            }
        }

        private Requirement.Status check(Candidate c, String dep, VersionRange range) {
            Candidate target = byId.get(dep);
            if (target == null && unavailable.containsKey(dep)) {
                fail(
                        c,
                        "resolve.unavailable",
                        "depends on '" + dep + "', which is " + unavailable.get(dep),
                        "make '" + dep + "' usable (e.g. pincer plugins enable " + dep + "), or disable '" + c.id()
                                + "'");
                return Requirement.Status.UNAVAILABLE;
            }
            if (target == null) {
                String hint = Suggestions.closest(dep, byId.keySet())
                        .map(s -> "did you mean '" + s + "'? Otherwise install '" + dep + "' " + range)
                        .orElse("install a version of '" + dep + "' in " + range + ", or disable '" + c.id() + "'");
                fail(c, "resolve.missing", "depends on '" + dep + "' " + range + ", which is not installed", hint);
                return Requirement.Status.MISSING;
            }
            if (!range.includes(target.version())) {
                fail(c, "resolve.version-conflict", conflict(c, dep, range, target), versionHint(c, dep, range));
                return Requirement.Status.VERSION_MISMATCH;
            }
            return Requirement.Status.SATISFIED;
        }

        /** Returns, for each id, the candidates that depend on it, in id order; built on first use. */
        private Map<String, List<Candidate>> requirers() {
            if (requirers == null) {
                requirers = new HashMap<>();
                for (Candidate o : byId.values()) {
                    o.dependencies().keySet().forEach(d -> requirers
                            .computeIfAbsent(d, k -> new ArrayList<>())
                            .add(o));
                }
            }
            return requirers;
        }

        private String conflict(Candidate c, String dep, VersionRange range, Candidate target) {
            StringBuilder message = new StringBuilder("requires '" + dep + "' " + range + ", but '" + dep + "' "
                    + target.version() + " is installed (" + target.directory() + ")");
            List<Candidate> others = requirers().getOrDefault(dep, List.of()).stream()
                    .filter(o -> !o.id().equals(c.id()))
                    .toList();
            List<String> shown = others.stream()
                    .limit(SHOWN_REQUIREMENTS)
                    .map(o -> "'" + o.id() + "' requires " + o.dependencies().get(dep)
                            + (o.dependencies().get(dep).includes(target.version())
                                    ? " (satisfied)"
                                    : " (not satisfied)"))
                    .toList();
            if (!shown.isEmpty()) {
                message.append("; also ").append(String.join(", ", shown));
            }
            if (others.size() > shown.size()) {
                message.append(" and ").append(others.size() - shown.size()).append(" more");
            }
            return message.toString();
        }

        private String versionHint(Candidate c, String dep, VersionRange range) {
            return shadowed.getOrDefault(dep, List.of()).stream()
                    .filter(s -> range.includes(s.version()))
                    .findFirst()
                    .map(s -> "a shadowed copy of '" + dep + "' " + s.version() + " at " + s.directory()
                            + " would satisfy it; remove the higher-precedence copy to use it")
                    .orElse("install a version of '" + dep + "' in " + range + ", or a version of '" + c.id()
                            + "' that accepts the installed one");
        }

        void findCycles() {
            for (List<String> component : new Tarjan(byId).components()) {
                List<String> path = cyclePath(component);
                String members = String.join(", ", new TreeSet<>(component));
                String shown = String.join(" → ", path);
                diagnostics.add(Diagnostic.error(
                        "resolve.cycle",
                        path.get(0),
                        byId.get(path.get(0)).directory(),
                        "dependency cycle among " + members + ": " + shown,
                        "remove one of these dependencies;" + " plugins in a cycle cannot be ordered for activation"));
                for (String id : component) {
                    failures.putIfAbsent(id, "part of a dependency cycle: " + shown);
                    for (String dep : byId.get(id).dependencies().keySet()) {
                        if (component.contains(dep)) {
                            statuses.get(id).put(dep, Requirement.Status.CYCLE);
                        }
                    }
                }
            }
        }

        /** Returns one cycle through the smallest id of a strongly connected component, closed. */
        private List<String> cyclePath(List<String> component) {
            Set<String> members = new TreeSet<>(component);
            String start = members.iterator().next();
            List<String> path = new ArrayList<>();
            walk(start, start, members, path, new TreeSet<>());
            path.add(start);
            return path;
        }

        private boolean walk(String at, String start, Set<String> members, List<String> path, Set<String> seen) {
            path.add(at);
            seen.add(at);
            for (String next : new TreeSet<>(byId.get(at).dependencies().keySet())) {
                if (next.equals(start)) {
                    return true;
                }
                if (members.contains(next) && !seen.contains(next) && walk(next, start, members, path, seen)) {
                    return true;
                }
            }
            path.remove(path.size() - 1);
            return false;
        }

        /**
         * Fails every plugin that needs a failed one, breadth-first over the reverse edges. A reason
         * names the dependency and the root cause only, never the whole chain, so messages stay short
         * however long the chain is.
         */
        void propagate() {
            Map<String, List<String>> dependants = new HashMap<>();
            for (Candidate c : byId.values()) {
                c.dependencies().keySet().forEach(d -> dependants
                        .computeIfAbsent(d, k -> new ArrayList<>())
                        .add(c.id()));
            }
            Map<String, String> rootCause = new HashMap<>();
            Deque<String> work = new ArrayDeque<>(new TreeSet<>(failures.keySet()));
            while (!work.isEmpty()) {
                String failed = work.poll();
                String root = rootCause.getOrDefault(failed, failed);
                for (String id : dependants.getOrDefault(failed, List.of())) {
                    if (failures.containsKey(id) || statuses.get(id).get(failed) != Requirement.Status.SATISFIED) {
                        continue;
                    }
                    statuses.get(id).put(failed, Requirement.Status.FAILED);
                    rootCause.put(id, root);
                    String reason = root.equals(failed)
                            ? "depends on '" + failed + "', which cannot be used: " + failures.get(root)
                            : "depends on '" + failed + "', which cannot be used because '" + root
                                    + "' cannot be used: " + failures.get(root);
                    fail(
                            byId.get(id),
                            "resolve.dependency-failed",
                            reason,
                            "fix '" + root + "' first (`pincer plugins doctor`)");
                    work.add(id);
                }
            }
        }

        private void fail(Candidate c, String code, String reason, String hint) {
            if (failures.putIfAbsent(c.id(), reason) == null || !code.equals("resolve.dependency-failed")) {
                diagnostics.add(Diagnostic.error(code, c.id(), c.directory(), "'" + c.id() + "' " + reason, hint));
            }
        }

        Map<String, Resolution.Outcome> outcomes() {
            Map<String, Resolution.Outcome> out = new HashMap<>();
            for (Candidate c : byId.values()) {
                List<Requirement> requirements = new ArrayList<>();
                c.dependencies().forEach((dep, range) -> {
                    Candidate target = byId.get(dep);
                    requirements.add(new Requirement(
                            dep,
                            range,
                            target == null ? null : target.version(),
                            statuses.get(c.id()).get(dep)));
                });
                out.put(
                        c.id(),
                        new Resolution.Outcome(!failures.containsKey(c.id()), failures.get(c.id()), requirements));
            }
            return out;
        }

        /** Returns the resolved ids, dependencies first, ties by id (Kahn's algorithm). */
        List<String> order() {
            List<String> ok = byId.keySet().stream()
                    .filter(id -> !failures.containsKey(id))
                    .toList();
            Map<String, Integer> waiting = new HashMap<>();
            Map<String, List<String>> dependants = new HashMap<>();
            for (String id : ok) {
                Set<String> deps = byId.get(id).dependencies().keySet();
                waiting.put(id, deps.size());
                deps.forEach(d ->
                        dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
            }
            PriorityQueue<String> ready =
                    ok.stream().filter(id -> waiting.get(id) == 0).collect(Collectors.toCollection(PriorityQueue::new));
            List<String> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(id);
                for (String dependant : dependants.getOrDefault(id, List.of())) {
                    if (waiting.merge(dependant, -1, Integer::sum) == 0) {
                        ready.add(dependant);
                    }
                }
            }
            return order;
        }
    }
}
