package dev.dbaas.pipeline.intake.catalog;

import java.time.LocalDate;
import java.util.List;

import dev.dbaas.pipeline.events.DatabaseType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The shipped catalog follows the provider's public documentation.
 */
class DefaultCatalogTest {

	private final Catalog catalog = Catalogs.defaultCatalog();

	@Test
	void offersTheDocumentedDatabaseTypesAndVersions() {
		assertThat(this.catalog.databaseTypes()).extracting(DatabaseTypeOffer::id, DatabaseTypeOffer::versions)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("MARIADB", List.of("10.11", "11.4")),
					org.assertj.core.groups.Tuple.tuple("MYSQL", List.of("8.4")),
					org.assertj.core.groups.Tuple.tuple("POSTGRESQL", List.of("15", "16", "17", "18")),
					org.assertj.core.groups.Tuple.tuple("COUCHDB", List.of("3.5")));
	}

	@Test
	void givesEveryOfferedVersionAnEndOfLifeAndOffersNoneThatIsPastIt() {
		LocalDate today = LocalDate.of(2026, 12, 1);
		assertThat(this.catalog.databaseTypes()).allSatisfy((type) -> assertThat(type.versions())
			.allSatisfy((version) -> assertThat(type.lifecycleOf(version)).isPresent()));
		assertThat(this.catalog.asOf(today)).isEqualTo(this.catalog);
		assertThat(
				this.catalog.databaseType("MARIADB").orElseThrow().lifecycleOf("10.6").orElseThrow().isRetiredOn(today))
			.isTrue();
	}

	@Test
	void stopsOfferingAVersionTheDayAfterItsEndOfLifeAndMovesTheDefault() {
		DatabaseTypeOffer postgres = this.catalog.databaseType("POSTGRESQL").orElseThrow();

		assertThat(postgres.asOf(LocalDate.of(2027, 11, 11)).versions()).containsExactly("15", "16", "17", "18");
		DatabaseTypeOffer later = postgres.asOf(LocalDate.of(2029, 11, 9));
		assertThat(later.versions()).containsExactly("18");
		assertThat(later.defaultVersion()).isEqualTo("18");
		assertThatIllegalStateException().isThrownBy(() -> postgres.asOf(LocalDate.of(2031, 1, 1)))
			.withMessageContaining("every version of POSTGRESQL is past its end of life");
	}

	@Test
	void refusesAnOfferedVersionWithoutEndOfLifeEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseTypeOffer("MYSQL", "MySQL", List.of("8.4", "9.0"), "8.4",
					List.of(new VersionLifecycle("8.4", LocalDate.of(2032, 4, 30))), "simulated"))
			.withMessageContaining("version 9.0 of MYSQL has no end-of-life entry");
	}

	@Test
	void namesEveryDatabaseTypeTheEventSchemaKnows() {
		assertThat(this.catalog.databaseTypes())
			.allSatisfy((type) -> assertThat(DatabaseType.valueOf(type.id())).isNotEqualTo(DatabaseType.UNKNOWN));
	}

	@Test
	void offersTheDocumentedNodeSizesRegionsStorageAndDocuments() {
		assertThat(this.catalog.nodeSizes()).extracting(NodeSizeOffer::id)
			.containsExactly("b2-4", "b4-8", "b8-16", "b16-32", "b32-64", "a2-8", "a4-16", "a8-32", "a16-64", "a32-128",
					"r2-16", "r4-32", "r8-64", "r16-128");
		assertThat(this.catalog.regions()).extracting(RegionOffer::id)
			.containsExactly("DE-NORTH-1", "DE-NORTH-2", "DE-WEST-1", "DE-WEST-2");
		assertThat(this.catalog.storage()).isEqualTo(new StorageOffer(50, 500, 50));
		assertThat(this.catalog.trustedSources()).isEqualTo(new TrustedSourcePolicy(List.of(4), 24, 32, 50));
		assertThat(this.catalog.documents()).extracting(DocumentOffer::id)
			.containsExactly("terms-of-service", "data-processing-agreement", "service-description");
	}

	@Test
	void refusesANodeSizeWhoseIdContradictsItsShape() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NodeSizeOffer("b2-8", "BASIC", 2, 4));
	}

	@Test
	void refusesADefaultVersionThatIsNotOffered() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseTypeOffer("MYSQL", "MySQL", List.of("8.0"), "5.7"));
	}

}
