package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the machine looks like: cores, memory, load. The machine is shared, so every
 * report says how busy it was.
 */
final class Machine {

	private Machine() {
	}

	static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	static long memoryMegabytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: fall through.
		}
		return -1;
	}

	/**
	 * Heap in use after the last collection, summed over the heap pools: what stays when
	 * garbage is gone, so it grows only with what the JVM keeps.
	 * @return bytes, or the current heap use if no collection has run yet
	 */
	static long heapAfterLastGc() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				MemoryUsage afterGc = pool.getCollectionUsage();
				sum += (afterGc != null) ? afterGc.getUsed() : pool.getUsage().getUsed();
			}
		}
		return sum;
	}

	/**
	 * Threads this JVM has started since it began.
	 * @return the count
	 */
	static long threadsStarted() {
		return ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
	}

	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	static Map<String, Object> describe() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", cores());
		machine.put("memoryMb", memoryMegabytes());
		machine.put("loadAverageAtStart", Report.round(loadAverage()));
		machine.put("java", System.getProperty("java.version"));
		machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		return machine;
	}

}
