package dev.dbaas.pipeline.intake.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture: the default catalog as shipped.
 */
public final class Catalogs {

	private static final Catalog DEFAULT = load();

	private Catalogs() {
	}

	public static Catalog defaultCatalog() {
		return DEFAULT;
	}

	private static Catalog load() {
		try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default-catalog.json")) {
			return JsonMapper.builder().build().readValue(in, Catalog.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
