package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lets one install, update or uninstall at a time change a Pincer home: an operating-system lock on
 * {@code $PINCER_HOME/.install/.lock}, held from fetching to placing. A second one, in this process
 * or another, is refused at once instead of racing the first; the lock goes with the process, so a
 * crash never leaves it held.
 *
 * <p>Not thread-safe; {@link #close} releases it.
 */
final class InstallLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code home}'s installs.
     *
     * @throws PincerException {@code install.busy} when another install holds it, or {@code
     *     install.staging} when the lock file cannot be opened
     */
    static InstallLock take(Path home) {
        Path file = home.resolve(".install").resolve(".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new InstallLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another thread of this process: busy, like another process
        } catch (IOException e) {
            close(channel);
            throw new PincerException(
                    "install.staging",
                    null,
                    file,
                    "cannot open the install lock " + file + ": " + e.getMessage(),
                    "check that Pincer may write to " + home);
        }
        close(channel);
        throw new PincerException(
                "install.busy",
                null,
                file,
                "another install, update or uninstall is changing " + home + " right now; nothing was changed",
                "wait for it to finish, then run this again");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
