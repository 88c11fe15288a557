package dev.pincer.core.guards;

import dev.pincer.api.access.FileAccess;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.guards.SecureWalk.Located;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant.FileRoot;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The file service of one plugin: paths are absolute, or relative to the first granted root, and
 * normalised; a path must lie under a granted root whose mode allows the operation (read for
 * {@code read} and {@code list}, write for {@code write} and {@code delete}).
 *
 * <p>Every path is opened by walking from the root one name at a time through {@link SecureWalk},
 * so there is no check-then-open race. <b>Any symbolic link under a root is refused, even one that
 * points inside it</b>: following it would mean resolving its target by name after the check, which
 * reopens the race the walk exists to close, and its target can change at any moment. Links above
 * the root were resolved when the grant was made. Files with more than one hard link are refused
 * for reading (see {@link FileOps} for the residual risk). Reads and writes are limited to {@link
 * GuardSettings#maxFileBytes()}; writes are atomic.
 *
 * <p>Each use is audited (kind FILE, action {@code read}/{@code write}/{@code list}/{@code delete},
 * target the normalised path). Thread-safe.
 *
 * @since 0.1.0
 */
final class GuardedFiles implements FileAccess {

    private final List<GrantedRoot> roots;
    private final long maxFileBytes;
    private final Auditor auditor;

    GuardedFiles(List<FileRoot> roots, long maxFileBytes, Auditor auditor) {
        this.roots = roots.stream().map(GrantedRoot::new).toList();
        this.maxFileBytes = maxFileBytes;
        this.auditor = auditor;
    }

    @Override
    public byte[] read(String path) throws IOException {
        return run("read", path, Access.READ, (at, byPath) -> FileOps.read(at, byPath, maxFileBytes));
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        run("write", path, Access.WRITE, (at, byPath) -> {
            FileOps.write(at, content, maxFileBytes);
            return null;
        });
    }

    @Override
    public List<String> list(String path) throws IOException {
        return run("list", path, Access.READ, (at, byPath) -> FileOps.list(at));
    }

    @Override
    public boolean delete(String path) throws IOException {
        return run("delete", path, Access.WRITE, (at, byPath) -> FileOps.delete(at));
    }

    @Override
    public List<Root> roots() {
        return roots.stream()
                .map(r -> new Root(r.declared().toString(), r.allows(Access.READ), r.allows(Access.WRITE)))
                .toList();
    }

    /** One operation on a located name; {@code byPath} is the same file by absolute real path. */
    @FunctionalInterface
    private interface Operation<T> {
        T apply(Located at, Path byPath) throws Denial, IOException;
    }

    private <T> T run(String action, String path, Access access, Operation<T> operation) throws IOException {
        Objects.requireNonNull(path, "path");
        Instant started = auditor.now();
        String shown = path;
        try {
            Path normal = normalise(path);
            shown = normal.toString();
            Target target = target(normal, access, action);
            T result;
            try (Located at = SecureWalk.locate(target.root().real(), target.names(), shown)) {
                result = operation.apply(at, target.root().real().resolve(String.join("/", target.names())));
            }
            auditor.allowed(Kind.FILE, action, shown, started, "ok");
            return result;
        } catch (Denial denial) {
            auditor.denied(Kind.FILE, action, shown, denial.reason());
            throw denial.toException(auditor.pluginId(), action);
        } catch (IOException e) {
            auditor.allowed(Kind.FILE, action, shown, started, "failed");
            throw e;
        }
    }

    /** A root and the names from it to the requested path. */
    private record Target(GrantedRoot root, List<String> names) {}

    private Path normalise(String path) throws Denial {
        Path asked;
        try {
            asked = Path.of(path);
        } catch (InvalidPathException e) {
            throw new Denial(path, "it is not a valid path");
        }
        if (!asked.isAbsolute()) {
            if (roots.isEmpty()) {
                throw new Denial(path, "it has no file grant; run `pincer plugins inspect " + auditor.pluginId() + "`");
            }
            asked = roots.get(0).declared().resolve(asked);
        }
        return asked.normalize();
    }

    private Target target(Path normal, Access access, String action) throws Denial {
        GrantedRoot readOnlyMatch = null;
        for (GrantedRoot root : roots) {
            Optional<List<String>> names = root.relate(normal);
            if (names.isEmpty()) {
                continue;
            }
            if (!root.allows(access)) {
                readOnlyMatch = readOnlyMatch == null ? root : readOnlyMatch;
                continue;
            }
            if (names.get().isEmpty() && action.equals("delete")) {
                throw new Denial(normal.toString(), "it is a granted root, which a plugin may not delete");
            }
            return new Target(root, names.get());
        }
        String hint = "; run `pincer plugins inspect " + auditor.pluginId() + "`";
        if (readOnlyMatch != null) {
            throw new Denial(
                    normal.toString(),
                    "its grant for " + readOnlyMatch.declared() + " is "
                            + readOnlyMatch.mode().label() + " only" + hint);
        }
        String granted = roots.isEmpty()
                ? "nothing"
                : roots.stream().map(GrantedRoot::toString).collect(Collectors.joining(", "));
        throw new Denial(normal.toString(), "outside its file grant (granted: " + granted + ")" + hint);
    }
}
