package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * The only class of the bench that touches the JDK's Attach API (module
 * {@code jdk.attach}): lists the local JVMs and opens a JMX connection to one of them
 * through its local management agent, which {@code startLocalManagementAgent()} starts if
 * it does not run yet (it listens on the loopback interface only and stays up until that
 * JVM exits). On a Java runtime without {@code jdk.attach} (a JRE) loading this class
 * fails with a {@link LinkageError}, which {@link StackJvmSearch} catches: the bench then
 * measures as without it.
 *
 * <p>
 * Stateless and thread-safe.
 */
final class AttachedJvm {

	private AttachedJvm() {
	}

	/**
	 * The JVMs of this user on this machine that the Attach API sees.
	 * @return pid and display name of each (the main class or jar and its arguments)
	 */
	static List<StackJvmSearch.Candidate> list() {
		return VirtualMachine.list()
			.stream()
			.filter((jvm) -> jvm.id().chars().allMatch(Character::isDigit))
			.map((jvm) -> new StackJvmSearch.Candidate(Long.parseLong(jvm.id()), jvm.displayName()))
			.toList();
	}

	/**
	 * Connects to a JVM's platform MBeans, and reads its native threads from
	 * {@code /proc/<pid>/task} where this machine shows them.
	 * @param pid the JVM's process id
	 * @param description which JVM it is, for the console
	 * @return the reader of its threads; the caller closes it
	 * @throws IOException if the JVM cannot be attached to or its agent not reached
	 */
	static JvmThreads connect(long pid, String description) throws IOException {
		String address;
		try {
			VirtualMachine jvm = VirtualMachine.attach(String.valueOf(pid));
			try {
				address = jvm.startLocalManagementAgent();
			}
			finally {
				jvm.detach();
			}
		}
		catch (AttachNotSupportedException ex) {
			throw new IOException("cannot attach to pid " + pid + ": " + ex.getMessage(), ex);
		}
		JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
		try {
			return JvmThreads.remote(connector, description, NativeThreads.of(Path.of("/proc"), pid));
		}
		catch (IOException | RuntimeException ex) {
			connector.close();
			throw ex;
		}
	}

}
