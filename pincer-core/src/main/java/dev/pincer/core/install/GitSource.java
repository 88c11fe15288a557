package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Clones a git repository with JGit into a staging folder and copies its working tree, without
 * {@code .git}, into the plugin folder.
 *
 * <p>A branch or tag is cloned at depth 1; a commit id (4 to 40 hex digits that name no branch or
 * tag) needs the full history. The working tree is copied by {@link FolderCopy}, so links pointing
 * out of the repository and the install limits are enforced as for a folder. Stateless and
 * thread-safe.
 */
final class GitSource {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final int REFS_SHOWN = 8;

    private GitSource() {}

    /**
     * Clones {@code url} at {@code ref} (or the default branch when {@code null}) and returns the
     * plugin folder and resolved commit.
     *
     * @param source the source as the user gave it, for the record
     * @throws PincerException naming the URL and ref and what went wrong
     */
    static Fetched fetch(
            String url,
            String source,
            String ref,
            Path staging,
            InstallLimits limits,
            Progress progress,
            Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(url).setTimeout(seconds).callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            throw failed(url, "could not be read", e);
        }
        String fullRef = ref == null ? null : fullRef(refs, ref);
        if (ref != null && fullRef == null && !COMMIT.matcher(ref).matches()) {
            throw missingRef(url, ref, refs);
        }
        progress.step("Cloning " + url + " at " + (ref == null ? "its default branch" : ref));
        Path clone = staging.resolve("clone");
        CloneCommand command = Git.cloneRepository()
                .setURI(url)
                .setDirectory(clone.toFile())
                .setCloneSubmodules(false)
                .setTimeout(seconds);
        if (ref == null || fullRef != null) {
            command.setDepth(1);
        }
        if (fullRef != null) {
            command.setBranch(fullRef).setBranchesToClone(List.of(fullRef));
        }
        String commit;
        try (Git git = command.call()) {
            if (ref != null && fullRef == null) {
                ObjectId id = resolve(git, ref);
                if (id == null) {
                    throw missingRef(url, ref, refs);
                }
                git.checkout().setName(id.name()).setForced(true).call();
            }
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            if (head == null) {
                throw failed(url, "has no commits to install", null);
            }
            commit = head.name();
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof PincerException p) {
                throw p;
            }
            throw failed(url, "could not be cloned", e);
        }
        Path target = staging.resolve("plugin");
        // The clone is an internal step; the person watching saw "Cloning", not a copy of a temp folder.
        FolderCopy.copy(clone, target, limits, new Progress() {
            @Override
            public void step(String message) {}

            @Override
            public void bytes(String label, long done, long total) {
                progress.bytes(label, done, total);
            }
        });
        try {
            Trees.delete(clone);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the clone in " + clone, e);
        }
        return new Fetched(PluginFolder.locate(target, source), Fetched.Kind.GIT, source, null, commit);
    }

    private static String fullRef(Map<String, Ref> refs, String ref) {
        for (String prefix : List.of("", Constants.R_HEADS, Constants.R_TAGS)) {
            if (refs.containsKey(prefix + ref) && (prefix + ref).startsWith(Constants.R_REFS)) {
                return prefix + ref;
            }
        }
        return null;
    }

    private static ObjectId resolve(Git git, String ref) throws IOException {
        try {
            return git.getRepository().resolve(ref + "^{commit}");
        } catch (RevisionSyntaxException e) {
            return null;
        }
    }

    private static PincerException missingRef(String url, String ref, Map<String, Ref> refs) {
        List<String> names = refs.keySet().stream()
                .filter(n -> n.startsWith(Constants.R_HEADS) || n.startsWith(Constants.R_TAGS))
                .map(Repository::shortenRefName)
                .sorted()
                .toList();
        String shown = names.isEmpty()
                ? "it has no branches or tags"
                : "it has " + String.join(", ", names.subList(0, Math.min(REFS_SHOWN, names.size())))
                        + (names.size() > REFS_SHOWN ? " and " + (names.size() - REFS_SHOWN) + " more" : "");
        return new PincerException(
                "install.git-ref",
                null,
                null,
                "git repository " + url + " has no branch, tag or commit '" + ref + "'; " + shown,
                "pass an existing branch, tag or commit id with --ref");
    }

    private static PincerException failed(String url, String what, Exception cause) {
        PincerException e = new PincerException(
                "install.git",
                null,
                null,
                "git repository " + url + " " + what + (cause == null ? "" : ": " + cause.getMessage()),
                "check the URL and that 'git ls-remote " + url + "' works from this machine");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
