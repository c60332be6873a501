package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.HashMap;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.jspecify.annotations.Nullable;

/**
 * The CPU time of every live thread of one JVM, with its name, and of the whole process:
 * this JVM's own (the stack started by the bench) or another JVM's over a JMX connection
 * ({@link AttachedJvm}, a launcher running on its own). Both read the same
 * {@code ThreadMXBean}, so {@link ThreadGroups} groups them the same way. Of another JVM
 * on this machine it also reads the native threads the {@code ThreadMXBean} does not show
 * (JIT, GC, VM) from {@code /proc} where Linux shows them ({@link NativeThreads}). Of
 * either it reads the JIT's compilation time ({@code CompilationMXBean}) and its compile
 * queue (the {@code DiagnosticCommand} MBean's {@code compilerQueue}, which is
 * {@code jcmd <pid> Compiler.queue}).
 *
 * <p>
 * Thread-safe as far as the platform beans are; the bench samples one scenario at a time.
 * {@link #close()} closes the JMX connection, if any.
 */
final class JvmThreads implements AutoCloseable {

	private static final ObjectName DIAGNOSTIC_COMMAND = diagnosticCommand();

	private final com.sun.management.ThreadMXBean threads;

	private final com.sun.management.OperatingSystemMXBean os;

	private final @Nullable CompilationMXBean compilation;

	private final @Nullable NativeThreads natives;

	private final @Nullable JMXConnector connector;

	private final MBeanServerConnection server;

	private final String description;

	private JvmThreads(com.sun.management.ThreadMXBean threads, com.sun.management.OperatingSystemMXBean os,
			@Nullable CompilationMXBean compilation, @Nullable NativeThreads natives, @Nullable JMXConnector connector,
			MBeanServerConnection server, String description) {
		this.threads = threads;
		this.os = os;
		this.compilation = compilation;
		this.natives = natives;
		this.server = server;
		this.connector = connector;
		this.description = description;
	}

	/**
	 * The bench's own JVM; its native threads are not read (its JIT and GC work for the
	 * bench as much as for the stack).
	 * @return the reader
	 */
	static JvmThreads thisJvm() {
		return new JvmThreads((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean(),
				(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean(),
				timed(ManagementFactory.getCompilationMXBean()), null, null, ManagementFactory.getPlatformMBeanServer(),
				"this JVM");
	}

	/**
	 * Another JVM, over JMX.
	 * @param connector an open connection to its platform MBean server; closed by
	 * {@link #close()}
	 * @param description which JVM it is, for the console
	 * @param natives its native threads, or {@code null} when they cannot be read
	 * @return the reader
	 * @throws IOException if the beans cannot be reached
	 */
	static JvmThreads remote(JMXConnector connector, String description, @Nullable NativeThreads natives)
			throws IOException {
		MBeanServerConnection server = connector.getMBeanServerConnection();
		return new JvmThreads(
				ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
						com.sun.management.ThreadMXBean.class),
				ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
						com.sun.management.OperatingSystemMXBean.class),
				compilation(server), natives, connector, server, description);
	}

	/**
	 * The JIT's bean of another JVM, if it has one: a JVM without a JIT compiler
	 * ({@code -Xint}) registers none.
	 */
	private static @Nullable CompilationMXBean compilation(MBeanServerConnection server) throws IOException {
		try {
			return timed(ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.COMPILATION_MXBEAN_NAME,
					CompilationMXBean.class));
		}
		catch (IllegalArgumentException | UndeclaredThrowableException ex) {
			return null;
		}
	}

	/** The bean if it measures the compilation time, else {@code null}. */
	private static @Nullable CompilationMXBean timed(@Nullable CompilationMXBean bean) {
		return (bean != null && bean.isCompilationTimeMonitoringSupported()) ? bean : null;
	}

	/**
	 * Which JVM this reads.
	 * @return e.g. {@code this JVM} or {@code pid 4324 (devstack/target/devstack.jar)}
	 */
	String description() {
		return this.description;
	}

	/**
	 * Every live thread's CPU time. Three calls whatever the number of threads (ids,
	 * infos, CPU times in bulk), so that reading a remote JVM costs it little.
	 * @return by thread id; a thread that ended between the calls is left out
	 * @throws java.lang.reflect.UndeclaredThrowableException or another runtime exception
	 * if the remote JVM cannot be read
	 */
	Map<Long, CostSample.ThreadTime> threadTimes() {
		long[] ids = this.threads.getAllThreadIds();
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		long[] cpu = this.threads.getThreadCpuTime(ids);
		Map<Long, CostSample.ThreadTime> times = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && cpu[i] >= 0) {
				times.put(ids[i], new CostSample.ThreadTime(infos[i].getThreadName(), cpu[i]));
			}
		}
		return times;
	}

	/**
	 * The process's CPU time.
	 * @return nanoseconds, or {@code -1} if the platform does not say
	 */
	long processCpuNanos() {
		return this.os.getProcessCpuTime();
	}

	/**
	 * Whether the native threads are read.
	 * @return {@code true} for another JVM on a Linux that shows its {@code /proc} tasks
	 */
	boolean readsNativeThreads() {
		return this.natives != null;
	}

	/**
	 * Every native thread's CPU time, by its name in {@code /proc}.
	 * @return by the kernel's thread id, or {@code null} when not read
	 */
	@Nullable Map<Long, CostSample.ThreadTime> nativeThreadTimes() {
		NativeThreads threads = this.natives;
		return (threads != null) ? threads.threadTimes() : null;
	}

	/**
	 * The JIT's compilation time so far, summed over the JVM's compiler threads.
	 * @return milliseconds, or {@code -1} if the JVM does not measure it
	 * @throws java.lang.reflect.UndeclaredThrowableException or another runtime exception
	 * if the remote JVM cannot be read
	 */
	long compileMillis() {
		CompilationMXBean bean = this.compilation;
		return (bean != null) ? bean.getTotalCompilationTime() : -1;
	}

	/**
	 * What the JIT has queued now, from the JVM's {@code DiagnosticCommand} MBean. In
	 * HotSpot the command is a VM operation: each read brings the JVM to a safepoint for
	 * the time it takes to print its queues.
	 * @return the counts; {@link CompileQueue#NOT_READ} if the JVM has no such MBean or
	 * command (not HotSpot)
	 * @throws java.lang.reflect.UndeclaredThrowableException or another runtime exception
	 * if the remote JVM cannot be read
	 */
	CompileQueue compileQueue() {
		Object text;
		try {
			text = this.server.invoke(DIAGNOSTIC_COMMAND, "compilerQueue", new Object[] { new String[0] },
					new String[] { String[].class.getName() });
		}
		catch (JMException ex) {
			// no such MBean (not HotSpot) or operation, or the command failed in the JVM
			return CompileQueue.NOT_READ;
		}
		catch (IOException ex) {
			throw new UndeclaredThrowableException(ex, "compile queue of " + this.description + " not read");
		}
		return (text instanceof String queue) ? CompileQueue.parse(queue) : CompileQueue.NOT_READ;
	}

	private static ObjectName diagnosticCommand() {
		try {
			return new ObjectName("com.sun.management:type=DiagnosticCommand");
		}
		catch (MalformedObjectNameException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.connector != null) {
			try {
				this.connector.close();
			}
			catch (IOException ex) {
				// the stack's JVM is gone; nothing left to close
			}
		}
	}

}
