package dev.pincer.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @TempDir
    Path dir;

    private Path repo;
    private String first;
    private String second;
    private String onBranch;

    /** Makes a repository: v1.0.0 tag on the first commit, main one ahead, branch "next" another. */
    @BeforeEach
    void repository() throws IOException, GitAPIException {
        repo = Fixtures.pluginFolder(dir.resolve("origin"));
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("VERSION"), "1");
            first = commit(git, "first");
            git.tag().setName("v1.0.0").setAnnotated(true).setMessage("1.0.0").call();
            Files.writeString(repo.resolve("VERSION"), "2");
            second = commit(git, "second");
            git.checkout().setCreateBranch(true).setName("next").call();
            Files.writeString(repo.resolve("VERSION"), "3");
            onBranch = commit(git, "third");
            git.checkout().setName("main").call();
        }
    }

    private static String commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit()
                .setMessage(message)
                .setAuthor("Test", "test@example.org")
                .setCommitter("Test", "test@example.org")
                .setSign(false)
                .call();
        return commit.name();
    }

    private Fetched fetch(String source, String ref) {
        return Sources.fetch(
                new SourceRequest(source, ref, false, List.of()),
                dir.resolve("staging"),
                InstallLimits.defaults(),
                Progress.SILENT);
    }

    private String url() {
        return repo.toUri().toString();
    }

    @Test
    void clonesTheDefaultBranchAndRecordsItsCommit() throws IOException {
        Fixtures.Recording progress = new Fixtures.Recording();

        Fetched fetched = Sources.fetch(
                new SourceRequest(url(), null, false, List.of()),
                dir.resolve("staging"),
                InstallLimits.defaults(),
                progress);

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.GIT);
        assertThat(fetched.commit()).isEqualTo(second);
        assertThat(fetched.source()).isEqualTo(url());
        assertThat(fetched.digest()).isNull();
        assertThat(fetched.folder()).isEqualTo(dir.resolve("staging/plugin"));
        assertThat(Files.readString(fetched.folder().resolve("VERSION"))).isEqualTo("2");
        assertThat(Fixtures.tree(fetched.folder()))
                .containsExactly("VERSION", "lib", "lib/tool.txt", "pincer-plugin.json");
        assertThat(Fixtures.tree(dir.resolve("staging"))).noneMatch(p -> p.startsWith("clone"));
        assertThat(progress.steps).containsExactly("Cloning " + url() + " at its default branch");
    }

    @Test
    void checksOutATagABranchOrACommit() throws IOException {
        Fetched tag = fetch(url(), "v1.0.0");
        assertThat(tag.commit()).isEqualTo(first);
        assertThat(Files.readString(tag.folder().resolve("VERSION"))).isEqualTo("1");

        Trees.delete(dir.resolve("staging"));
        Fetched branch = fetch(url(), "next");
        assertThat(branch.commit()).isEqualTo(onBranch);
        assertThat(Files.readString(branch.folder().resolve("VERSION"))).isEqualTo("3");

        Trees.delete(dir.resolve("staging"));
        Fetched commit = fetch(url(), first.substring(0, 10));
        assertThat(commit.commit()).isEqualTo(first);
        assertThat(Files.readString(commit.folder().resolve("VERSION"))).isEqualTo("1");
        assertThat(Fixtures.tree(commit.folder())).doesNotContain(".git");
    }

    @Test
    void acceptsGitPlusUrlsAndLocalFoldersEndingInDotGit() throws IOException, GitAPIException {
        Fetched plus = fetch("git+" + url(), "main");
        assertThat(plus.source()).isEqualTo("git+" + url());
        assertThat(plus.commit()).isEqualTo(second);

        Path bare = dir.resolve("hello.git");
        Git.cloneRepository()
                .setURI(url())
                .setBare(true)
                .setDirectory(bare.toFile())
                .call()
                .close();
        Trees.delete(dir.resolve("staging"));
        Fetched local = fetch(bare.toString(), null);
        assertThat(local.kind()).isEqualTo(Fetched.Kind.GIT);
        assertThat(local.commit()).isEqualTo(second);
    }

    @Test
    void namesTheRefsThatExistWhenTheRefIsMissing() {
        assertThatThrownBy(() -> fetch(url(), "release"))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.git-ref");
                    assertThat(e.hint()).isEqualTo("pass an existing branch, tag or commit id with --ref");
                })
                .hasMessage("git repository " + url()
                        + " has no branch, tag or commit 'release'; it has main, next, v1.0.0");
        assertThatThrownBy(() -> fetch(url(), "abcdef12"))
                .hasMessageContaining("has no branch, tag or commit 'abcdef12'; it has main, next, v1.0.0");
        assertThat(dir.resolve("staging/clone")).doesNotExist();
    }

    @Test
    void refusesARepositoryThatIsNotThere() {
        String missing = dir.resolve("missing.git").toUri().toString();

        assertThatThrownBy(() -> fetch(missing, null))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.git");
                    assertThat(e.hint()).contains("git ls-remote");
                })
                .hasMessageStartingWith("git repository " + missing + " could not be read");
    }

    @Test
    void refusesALinkInTheRepositoryPointingOutside() throws IOException, GitAPIException {
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(repo.resolve("secret.txt"), dir.resolve("secret.txt"));
        try (Git git = Git.open(repo.toFile())) {
            commit(git, "link out");
        }

        assertThatThrownBy(() -> fetch(url(), null))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.folder-unsafe"))
                .hasMessageContaining("secret.txt is a symbolic link to '" + dir.resolve("secret.txt")
                        + "', outside the plugin folder");
        assertThat(Fixtures.tree(dir.resolve("staging"))).isEmpty();
    }
}
