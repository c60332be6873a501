package dev.dbaas.pipeline.bench;

import java.util.regex.Pattern;

/**
 * What a JVM's JIT has queued at one moment, read from the text of its
 * {@code Compiler.queue} diagnostic command ({@code jcmd <pid> Compiler.queue}, or the
 * {@code compilerQueue} operation of the
 * {@code com.sun.management:type=DiagnosticCommand} MBean). HotSpot prints a section per
 * compiler, each task a line of compile id, flags, tier level and method, or
 * {@code Empty}:
 *
 * <pre>
 * Current compiles:
 * C2 CompilerThread0  2561       4       com.sun.tools.javac.code.Symtab::lookupPackage (259 bytes)
 *
 * C1 compile queue:
 * Empty
 *
 * C2 compile queue:
 * 2533       4       java.lang.AbstractStringBuilder::setLength (66 bytes)
 * 2563   !   4       java.lang.Class::getEnumConstantsShared (71 bytes)
 * </pre>
 *
 * The C1 queue holds the tasks of tiers 1 to 3, the C2 queue those of tier 4 (with Graal
 * as the JIT it is printed as the JVMCI compile queue and counted as C2 here). A JVM
 * without a compiler (no C2 with {@code -XX:TieredStopAtLevel=1}, none with
 * {@code -Xint}) prints no section for it, and its count is {@code -1}.
 *
 * @param compiling tasks the compiler threads are compiling now, or {@code -1} if not
 * shown
 * @param c1 tasks queued for C1 (tiers 1 to 3), or {@code -1} if not shown
 * @param c2 tasks queued for C2 (tier 4), or {@code -1} if not shown
 */
record CompileQueue(int compiling, int c1, int c2) {

	/** A queue that could not be read. */
	static final CompileQueue NOT_READ = new CompileQueue(-1, -1, -1);

	private static final Pattern TASK = Pattern.compile("\\s*\\d+\\s.*");

	CompileQueue {
		if (compiling < -1 || c1 < -1 || c2 < -1) {
			throw new IllegalArgumentException(
					"Need counts of zero or more, or -1 for not shown, got " + compiling + ", " + c1 + ", " + c2);
		}
	}

	/**
	 * Counts the tasks in the text of {@code Compiler.queue}; a line that is not a task
	 * (the {@code <pid>:} line {@code jcmd} prints first, {@code Empty}, blank lines) is
	 * not counted.
	 * @param text the command's output
	 * @return the counts; {@link #NOT_READ} if the text has no section at all
	 */
	static CompileQueue parse(String text) {
		int compiling = -1;
		int c1 = -1;
		int c2 = -1;
		Section section = Section.NONE;
		for (String line : text.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.equals("Current compiles:")) {
				section = Section.COMPILING;
				compiling = 0;
			}
			else if (trimmed.endsWith(" compile queue:")) {
				section = trimmed.startsWith("C1 ") ? Section.C1 : Section.C2;
				if (section == Section.C1) {
					c1 = 0;
				}
				else {
					c2 = 0;
				}
			}
			else if (trimmed.isEmpty()) {
				section = Section.NONE;
			}
			else if (section == Section.COMPILING) {
				compiling++;
			}
			else if (section == Section.C1 && TASK.matcher(line).matches()) {
				c1++;
			}
			else if (section == Section.C2 && TASK.matcher(line).matches()) {
				c2++;
			}
		}
		return new CompileQueue(compiling, c1, c2);
	}

	/**
	 * Whether the C2 queue was read.
	 * @return {@code false} for {@link #NOT_READ} and for a JVM without C2
	 */
	boolean readsC2() {
		return this.c2 >= 0;
	}

	private enum Section {

		NONE, COMPILING, C1, C2

	}

}
