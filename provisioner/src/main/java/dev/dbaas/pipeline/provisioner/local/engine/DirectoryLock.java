package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive hold on a lock file, across threads of this JVM and across processes: two
 * backends over one base directory, in one JVM or in two, never allocate, unpack or
 * install at the same time.
 */
public final class DirectoryLock implements AutoCloseable {

	private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

	private final ReentrantLock local;

	private final FileChannel channel;

	private final FileLock lock;

	private DirectoryLock(ReentrantLock local, FileChannel channel, FileLock lock) {
		this.local = local;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Waits for the lock file and holds it until {@link #close()}.
	 * @param lockFile the lock file, created if missing
	 * @return the hold
	 * @throws IOException if the file cannot be locked
	 */
	public static DirectoryLock hold(Path lockFile) throws IOException {
		Path key = lockFile.toAbsolutePath().normalize();
		ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, (path) -> new ReentrantLock());
		local.lock();
		try {
			Files.createDirectories(key.getParent());
			FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				return new DirectoryLock(local, channel, channel.lock());
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException | RuntimeException ex) {
			local.unlock();
			throw ex;
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.lock.release();
			this.channel.close();
		}
		finally {
			this.local.unlock();
		}
	}

}
