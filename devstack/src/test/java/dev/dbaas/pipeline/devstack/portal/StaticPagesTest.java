package dev.dbaas.pipeline.devstack.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticPagesTest {

	@Test
	void pagesAreServedWithTheTypeOfTheirExtension() {
		assertThat(StaticPages.contentType("index.html")).isEqualTo("text/html; charset=utf-8");
		assertThat(StaticPages.contentType("status.js")).isEqualTo("text/javascript; charset=utf-8");
		assertThat(StaticPages.contentType("portal.css")).isEqualTo("text/css; charset=utf-8");
	}

	@Test
	void anUnknownExtensionHasNoType() {
		assertThat(StaticPages.contentType("secrets.txt")).isNull();
	}

}
