package dev.pincer.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.manifest.Permissions.FileGrant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermissionDiffTest {

    private static Permissions net(String... hosts) {
        return new Permissions(List.of(hosts), List.of(), List.of(), false);
    }

    @Test
    void anExactOrWildcardGrantCoversAHostAndNothingElse() {
        assertThat(PermissionDiff.missing(net("api.example.com"), net("API.example.com")))
                .isEqualTo(Permissions.none());
        assertThat(PermissionDiff.missing(net("api.example.com", "x.api.example.com"), net("*.example.com")))
                .isEqualTo(Permissions.none());
        assertThat(PermissionDiff.missing(net("*.api.example.com"), net("*.example.com")))
                .isEqualTo(Permissions.none());
        // the apex is not a subdomain, a look-alike is not under it, and a port must match
        assertThat(PermissionDiff.missing(
                                net("example.com", "evilexample.com", "api.example.com:8443"), net("*.example.com"))
                        .network())
                .containsExactly("example.com", "evilexample.com", "api.example.com:8443");
        assertThat(PermissionDiff.missing(net("*.example.com"), net("api.example.com"))
                        .network())
                .containsExactly("*.example.com");
    }

    @Test
    void aFolderGrantCoversWhatIsUnderItInItsModeOnly() {
        Permissions asked = new Permissions(
                List.of(),
                List.of(
                        new FileGrant("~/notes/work", Access.READ_WRITE),
                        new FileGrant("~/notes-old", Access.READ),
                        new FileGrant("~/notes", Access.READ)),
                List.of(),
                false);
        Permissions granted =
                new Permissions(List.of(), List.of(new FileGrant("~/notes/", Access.READ)), List.of(), false);

        Permissions missing = PermissionDiff.missing(asked, granted);
        Permissions covered = PermissionDiff.covered(asked, granted);

        assertThat(missing.filesystem())
                .containsExactly(
                        new FileGrant("~/notes/work", Access.WRITE), new FileGrant("~/notes-old", Access.READ));
        assertThat(covered.filesystem())
                .containsExactly(new FileGrant("~/notes/work", Access.READ), new FileGrant("~/notes", Access.READ));
    }

    @Test
    void envAndShellAreComparedByName() {
        Permissions asked = new Permissions(List.of(), List.of(), List.of("TOKEN", "HOME"), true);
        Permissions granted = new Permissions(List.of(), List.of(), List.of("TOKEN"), false);

        assertThat(PermissionDiff.missing(asked, granted))
                .isEqualTo(new Permissions(List.of(), List.of(), List.of("HOME"), true));
        assertThat(PermissionDiff.covered(asked, granted))
                .isEqualTo(new Permissions(List.of(), List.of(), List.of("TOKEN"), false));
    }

    @Test
    void anUpgradeThatAsksForMoreRunsWithTheOldGrantAndOnlyTheDifferenceWaits() {
        Permissions v1 = new Permissions(List.of("api.example.com"), List.of(), List.of("TOKEN"), false);
        Permissions v2 = new Permissions(List.of("api.example.com", "upload.example.com"), List.of(), List.of(), true);
        ApprovalBook book = book(new Approval("p", "1.0.0", v1, Instant.EPOCH, "ada"));

        Standing standing = Standing.of("p", "2.0.0", v2, book);

        assertThat(standing.status()).isEqualTo(Standing.Status.PARTIAL);
        assertThat(standing.runnable()).isTrue();
        // the old grant stays in force, but only for what v2 still asks for (TOKEN is dropped)
        assertThat(standing.granted()).isEqualTo(net("api.example.com"));
        assertThat(standing.pending())
                .isEqualTo(new Permissions(List.of("upload.example.com"), List.of(), List.of(), true));
        assertThat(PermissionText.summary(standing.pending()))
                .isEqualTo("network: upload.example.com; shell: may run programs");
    }

    @Test
    void standingsForNothingAskedNeverApprovedAndApproved() {
        Permissions asked = net("api.example.com");
        assertThat(Standing.of("p", "1.0.0", Permissions.none(), ApprovalBook.EMPTY)
                        .status())
                .isEqualTo(Standing.Status.NOT_NEEDED);
        Standing waiting = Standing.of("p", "1.0.0", asked, ApprovalBook.EMPTY);
        assertThat(waiting.status()).isEqualTo(Standing.Status.AWAITING);
        assertThat(waiting.runnable()).isFalse();
        assertThat(waiting.granted()).isEqualTo(Permissions.none());
        Standing approved =
                Standing.of("p", "1.0.0", asked, book(new Approval("p", "1.0.0", asked, Instant.EPOCH, "ada")));
        assertThat(approved.status()).isEqualTo(Standing.Status.APPROVED);
        assertThat(approved.granted()).isEqualTo(asked);
    }

    @Test
    void aVersionApprovedBeforeThatNowAsksForMoreWaitsForOnlyTheDifference() {
        Approval before = new Approval("p", "1.0.0", net("api.example.com"), Instant.EPOCH, "ada");

        Standing standing = Standing.of("p", "1.0.0", net("127.0.0.1:11434"), book(before));

        assertThat(standing.status()).isEqualTo(Standing.Status.CHANGED);
        assertThat(standing.status().label()).isEqualTo("changed");
        assertThat(standing.runnable()).isFalse();
        assertThat(standing.pending()).isEqualTo(net("127.0.0.1:11434"));
        assertThat(standing.granted()).isEqualTo(Permissions.none());
        // approving keeps what was approved before, so switching back asks nothing
        assertThat(standing.toApprove()).isEqualTo(net("api.example.com", "127.0.0.1:11434"));
        Approval both = new Approval("p", "1.0.0", standing.toApprove(), Instant.EPOCH, "ada");
        Standing back = Standing.of("p", "1.0.0", net("api.example.com"), book(both));
        assertThat(back.status()).isEqualTo(Standing.Status.APPROVED);
        assertThat(back.granted()).isEqualTo(net("api.example.com"));
    }

    @Test
    void anUpgradeRecordsOnlyWhatItAsksFor() {
        Approval v1 = new Approval("p", "1.0.0", net("a.example", "b.example"), Instant.EPOCH, "ada");

        Standing standing = Standing.of("p", "2.0.0", net("a.example", "c.example"), book(v1));

        assertThat(standing.status()).isEqualTo(Standing.Status.PARTIAL);
        assertThat(standing.toApprove()).isEqualTo(net("a.example", "c.example"));
    }

    @Test
    void anIpv6LiteralIsComparedWithItsPortAndWithoutOne() {
        assertThat(PermissionDiff.missing(net("[2001:db8::1]", "[::1]:11434"), net("[2001:DB8::1]", "[::1]:11434")))
                .isEqualTo(Permissions.none());
        assertThat(PermissionDiff.missing(net("[::1]:11434"), net("[::1]")).network())
                .containsExactly("[::1]:11434");
    }

    @Test
    void grantedPathsArePlacedUnderHomeOrWorkspace() {
        Path home = Path.of("/home/ada");
        Path workspace = Path.of("/work/project");
        assertThat(Grants.place("~", home, workspace)).isEqualTo(home);
        assertThat(Grants.place("~/notes/../docs", home, workspace)).isEqualTo(Path.of("/home/ada/docs"));
        assertThat(Grants.place("data", home, workspace)).isEqualTo(Path.of("/work/project/data"));
        assertThat(Grants.place("/srv/x", home, workspace)).isEqualTo(Path.of("/srv/x"));
        Grant grant = Grants.of(
                new Permissions(List.of("a.example"), List.of(new FileGrant("out", Access.WRITE)), List.of("T"), true),
                home,
                workspace);
        assertThat(grant.files()).containsExactly(new Grant.FileRoot(Path.of("/work/project/out"), Access.WRITE));
        assertThat(grant.env()).containsExactly("T");
        assertThat(grant.shell()).isTrue();
    }

    private static ApprovalBook book(Approval approval) {
        return new ApprovalBook() {
            @Override
            public Optional<Approval> find(String pluginId, String version) {
                return approval.pluginId().equals(pluginId)
                                && approval.version().equals(version)
                        ? Optional.of(approval)
                        : Optional.empty();
            }

            @Override
            public Optional<Approval> latest(String pluginId) {
                return approval.pluginId().equals(pluginId) ? Optional.of(approval) : Optional.empty();
            }
        };
    }
}
