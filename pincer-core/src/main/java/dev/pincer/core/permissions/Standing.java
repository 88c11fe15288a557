package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a plugin version stands with its permissions: what it asks for, what is in force, and
 * what still waits for a person.
 *
 * <p>Immutable.
 *
 * @param status the standing
 * @param requested what the plugin asks for, its {@code ${config.…}} placeholders resolved
 * @param granted what is in force: the part of the request an approval covers
 * @param pending what is asked for and not approved; denied until a person approves it
 * @param basis the approval the grant comes from, or {@code null}
 * @since 0.1.0
 */
public record Standing(Status status, Permissions requested, Permissions granted, Permissions pending, Approval basis) {

    public Standing {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(pending, "pending");
    }

    /** The standings. */
    public enum Status {
        /** Nothing is asked for. */
        NOT_NEEDED,
        /** Everything asked for is approved. */
        APPROVED,
        /**
         * An earlier version was approved and this one asks for more: the plugin runs with the
         * earlier grant, and the difference is denied until approved.
         */
        PARTIAL,
        /** Nothing was ever approved: the plugin is not activated. */
        AWAITING,
        /**
         * This very version was approved, but it now asks for more (its settings, through {@code
         * ${config.…}} placeholders, or its manifest changed): the plugin is not activated until a
         * person approves the difference.
         */
        CHANGED;

        /** Returns the word used in output, e.g. {@code "not-needed"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Returns where {@code version} of {@code pluginId}, asking for {@code requested} (with its
     * placeholders resolved), stands in {@code book}.
     */
    public static Standing of(String pluginId, String version, Permissions requested, ApprovalBook book) {
        if (requested.isEmpty()) {
            return new Standing(Status.NOT_NEEDED, requested, requested, Permissions.none(), null);
        }
        Optional<Approval> same = book.find(pluginId, version);
        Optional<Approval> approval = same.or(() -> book.latest(pluginId));
        if (approval.isEmpty()) {
            return new Standing(Status.AWAITING, requested, Permissions.none(), requested, null);
        }
        Permissions approved = approval.get().permissions();
        Permissions pending = PermissionDiff.missing(requested, approved);
        Permissions granted = PermissionDiff.covered(requested, approved);
        Status status = pending.isEmpty() ? Status.APPROVED : same.isPresent() ? Status.CHANGED : Status.PARTIAL;
        return new Standing(status, requested, granted, pending, approval.get());
    }

    /** Returns whether the plugin may be activated. */
    public boolean runnable() {
        return status != Status.AWAITING && status != Status.CHANGED;
    }

    /**
     * Returns what approving this standing records for its version: the request, and when this
     * very version was approved before, what that approval held too, so that settings switched
     * back to a value approved earlier run without asking again. The grant is still only the part
     * of each request that the approval covers.
     */
    public Permissions toApprove() {
        return status == Status.CHANGED ? PermissionDiff.union(basis.permissions(), requested) : requested;
    }
}
