package dev.dbaas.pipeline.intake.catalog.config;

import java.io.IOException;
import java.io.InputStream;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Reads the catalog from {@code intake.catalog.location} (a JSON resource) once at
 * start-up. A catalog that breaks a rule of {@link Catalog} stops the application.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	Catalog catalog(@Value("${intake.catalog.location}") Resource location,
			@Value("${intake.trusted-sources.allow-loopback:false}") boolean allowLoopback) {
		Catalog catalog = read(location);
		return catalog.withTrustedSources(catalog.trustedSources().withLoopback(allowLoopback));
	}

	static Catalog read(Resource location) {
		JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		try (InputStream in = location.getInputStream()) {
			return mapper.readValue(in, Catalog.class);
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException("Cannot read the catalog from " + location + ": " + ex.getMessage(), ex);
		}
	}

}
