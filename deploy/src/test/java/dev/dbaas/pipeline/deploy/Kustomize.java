package dev.dbaas.pipeline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.fail;

/**
 * Renders a Kustomize directory offline with {@code kubectl kustomize}, as an operator
 * would before applying it. Needs a kubectl whose built-in kustomize is v4 or newer (the
 * overlays use {@code patches} and {@code labels}). Without one, tests are skipped with a
 * message naming what to install, except with {@code CI=true}, where they fail.
 */
final class Kustomize {

	/** The repository root, seen from the module directory the tests run in. */
	static final Path REPO = Path.of("..");

	static final Path KUBERNETES = REPO.resolve("deploy/kubernetes");

	private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

	private static final Map<Path, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

	private Kustomize() {
	}

	/**
	 * Renders an overlay.
	 * @param overlay {@code dev} or {@code production}
	 * @return the rendered objects, in kubectl's order
	 */
	static List<Map<String, Object>> render(String overlay) {
		Path directory = KUBERNETES.resolve("overlays").resolve(overlay);
		return RENDERED.computeIfAbsent(directory, Kustomize::renderNow);
	}

	private static List<Map<String, Object>> renderNow(Path directory) {
		String kubectl = requireKubectl();
		Result result = run(kubectl, "kustomize", directory.toString());
		if (result.exitCode() != 0) {
			fail("kubectl kustomize %s failed (exit %d):%n%s", directory, result.exitCode(), result.errors());
		}
		return parseAll(result.output());
	}

	/**
	 * Parses a stream of YAML documents into objects, skipping empty documents.
	 * @param yaml the documents
	 * @return one map per object
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parseAll(String yaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return objects;
	}

	private static String requireKubectl() {
		String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
		String problem;
		Result version = run(kubectl, "version", "--client");
		Matcher matcher = KUSTOMIZE_VERSION.matcher(version.output());
		if (version.exitCode() != 0) {
			problem = "no kubectl on the PATH (" + version.errors().strip() + ")";
		}
		else if (!matcher.find() || Integer.parseInt(matcher.group(1)) < 4) {
			problem = "kubectl's built-in kustomize is older than v4 (" + version.output().strip() + ")";
		}
		else {
			return kubectl;
		}
		String message = problem + ": the manifest tests render deploy/kubernetes with `kubectl kustomize`. Install"
				+ " kubectl 1.21 or newer (the Debian package kubectl, or kubernetes-client where it is that new;"
				+ " .ci/run installs it), or point KUBECTL at one.";
		if ("true".equals(System.getenv("CI"))) {
			fail(message);
		}
		Assumptions.abort(message);
		return kubectl;
	}

	/**
	 * What a command printed: standard output, then standard error (kubectl's warnings).
	 */
	private record Result(int exitCode, String output, String errors) {
	}

	private static Result run(String... command) {
		try {
			Path output = Files.createTempFile("kubectl", ".out");
			Path errors = Files.createTempFile("kubectl", ".err");
			try {
				Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
					.redirectError(errors.toFile())
					.start();
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					return new Result(-1, "", String.join(" ", command) + " did not finish within 120 s");
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
						Files.readString(errors, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(output);
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			return new Result(-1, "", String.valueOf(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "", "interrupted");
		}
	}

}
