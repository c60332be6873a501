package dev.dbaas.pipeline.intake.instance;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An {@code If-Match} header against the instance's ETag, a strong ETag
 * {@code "<version>"} (RFC 9110, 13.1.1): it holds when any listed tag equals the current
 * one by strong comparison, or is {@code *}. A weak tag never matches, nor does anything
 * that is not an entity tag.
 *
 * @param tags the header's entity tags as sent; empty when no {@code If-Match} was sent
 */
public record Precondition(List<String> tags) {

	private static final Pattern STRONG = Pattern.compile("\"([1-9][0-9]{0,18})\"");

	/** No {@code If-Match}: holds for every version. */
	public static final Precondition NONE = new Precondition(List.of());

	public Precondition {
		tags = List.copyOf(tags);
	}

	/**
	 * Reads an {@code If-Match} header.
	 * @param header the header, or {@code null} if none was sent
	 * @return the precondition
	 */
	public static Precondition ifMatch(@Nullable String header) {
		if (header == null) {
			return NONE;
		}
		List<String> tags = List.of(header.split(",", -1)).stream().map(String::strip).toList();
		return new Precondition(tags.isEmpty() ? List.of("") : tags);
	}

	/**
	 * The ETag of a version.
	 * @param version the version
	 * @return e.g. {@code "3"}, quotes included
	 */
	public static String etagOf(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Whether the precondition holds for the instance's version.
	 * @param version the current version
	 * @return {@code true} without {@code If-Match}, for {@code *}, or when a strong tag
	 * names the version
	 */
	public boolean holdsFor(long version) {
		if (this.tags.isEmpty()) {
			return true;
		}
		for (String tag : this.tags) {
			if ("*".equals(tag) || (STRONG.matcher(tag).matches() && tag.equals(etagOf(version)))) {
				return true;
			}
		}
		return false;
	}

}
