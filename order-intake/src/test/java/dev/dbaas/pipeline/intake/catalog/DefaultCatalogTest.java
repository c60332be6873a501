package dev.dbaas.pipeline.intake.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dbaas.pipeline.events.DatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The shipped catalog follows the provider's public documentation.
 */
class DefaultCatalogTest {

	private final Catalog catalog = Catalogs.defaultCatalog();

	@Test
	void offersTheDocumentedDatabaseTypesAndVersions() {
		assertThat(this.catalog.databaseTypes()).extracting(DatabaseTypeOffer::id, DatabaseTypeOffer::versions)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("MARIADB", List.of("10.6", "10.11")),
					org.assertj.core.groups.Tuple.tuple("MYSQL", List.of("8.0")),
					org.assertj.core.groups.Tuple.tuple("POSTGRESQL", List.of("14", "15")),
					org.assertj.core.groups.Tuple.tuple("COUCHDB", List.of("3.3")));
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
