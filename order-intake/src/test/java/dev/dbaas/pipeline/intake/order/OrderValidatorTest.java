package dev.dbaas.pipeline.intake.order;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.dbaas.pipeline.intake.catalog.Catalogs;
import dev.dbaas.pipeline.intake.order.OrderDraft.AcceptedDocumentDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.InvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.NewInvoiceProfileDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.dbaas.pipeline.intake.order.OrderDrafts.aNewInvoiceProfile;
import static dev.dbaas.pipeline.intake.order.OrderDrafts.aValidOrder;
import static org.assertj.core.api.Assertions.assertThat;

class OrderValidatorTest {

	private final OrderValidator validator = new OrderValidator(Catalogs.defaultCatalog(),
			Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void acceptsTheValidOrderOfTheIssue() {
		Validation validation = this.validator.validate(aValidOrder().build());

		assertThat(validation).isInstanceOf(Validation.Valid.class);
		OrderSpec spec = ((Validation.Valid) validation).spec();
		assertThat(spec.trustedSources()).extracting(TrustedSource::cidr)
			.containsExactly("123.123.123.123/32", "222.222.222.128/28");
	}

	@Test
	void givesAnOrderWithoutVersionTheDefaultVersionOfItsType() {
		Validation validation = this.validator
			.validate(aValidOrder().withDatabaseType("POSTGRESQL").withDatabaseVersion(null).build());

		assertThat(((Validation.Valid) validation).spec().databaseVersion()).isEqualTo("17");
	}

	@Test
	void acceptsANewInvoiceProfileWithoutVatId() {
		NewInvoiceProfileDraft profile = new NewInvoiceProfileDraft("Example GmbH", "billing@example.com", "Domstr. 1",
				"50667", "Köln", "DE", null);

		assertThat(this.validator.validate(aValidOrder().withNewInvoiceProfile(profile).build()))
			.isInstanceOf(Validation.Valid.class);
	}

	@Test
	void storesABareAddressAsASlash32() {
		Validation validation = this.validator.validate(aValidOrder().withTrustedSources("8.8.8.8").build());

		assertThat(((Validation.Valid) validation).spec().trustedSources()).extracting(TrustedSource::cidr)
			.containsExactly("8.8.8.8/32");
	}

	@Test
	void reportsEveryViolationAtOnce() {
		Validation validation = this.validator.validate(aValidOrder().withCustomerId(null)
			.withStorageGb(49)
			.withRegion("NOWHERE")
			.withTrustedSources("10.0.0.1")
			.build());

		assertThat(((Validation.Invalid) validation).violations()).extracting(Violation::pointer)
			.containsExactly("/customerId", "/storageGb", "/trustedSources/0", "/region");
	}

	static Stream<Arguments> brokenRules() {
		List<Arguments> cases = new ArrayList<>();
		// storage
		cases.add(rule("storage 0", (o) -> o.withStorageGb(0), "/storageGb", "below the minimum of 50 GB"));
		cases.add(rule("storage 49", (o) -> o.withStorageGb(49), "/storageGb", "below the minimum of 50 GB"));
		cases.add(rule("storage 55", (o) -> o.withStorageGb(55), "/storageGb", "choose 50 or 100"));
		cases.add(rule("storage 501", (o) -> o.withStorageGb(501), "/storageGb", "above the maximum of 500 GB"));
		cases.add(rule("storage -50", (o) -> o.withStorageGb(-50), "/storageGb", "below the minimum"));
		cases.add(rule("storage 10^12", (o) -> o.withStorageGb(1_000_000_000_000L), "/storageGb",
				"above the maximum of 500 GB"));
		cases.add(rule("storage missing", (o) -> o.withStorageGb(null), "/storageGb", "storageGb is missing"));
		// catalog ids
		cases.add(rule("unknown region", (o) -> o.withRegion("DE-SOUTH-9"), "/region", "unknown region 'DE-SOUTH-9'"));
		cases.add(rule("missing region", (o) -> o.withRegion(null), "/region", "region is missing"));
		cases.add(rule("unknown node size", (o) -> o.withNodeSize("b3-5"), "/nodeSize", "unknown node size 'b3-5'"));
		cases.add(rule("node size in wrong case", (o) -> o.withNodeSize("B2-4"), "/nodeSize", "unknown node size"));
		cases.add(rule("unknown type", (o) -> o.withDatabaseType("ORACLE"), "/databaseType",
				"unknown database type 'ORACLE'; choose one of MARIADB, MYSQL, POSTGRESQL, COUCHDB"));
		cases.add(rule("missing type", (o) -> o.withDatabaseType(null), "/databaseType", "databaseType is missing"));
		cases.add(rule("unknown version", (o) -> o.withDatabaseVersion("12.9"), "/databaseVersion",
				"MariaDB has no version '12.9'; choose one of 10.11, 11.4"));
		cases.add(rule("version of another type", (o) -> o.withDatabaseType("MYSQL").withDatabaseVersion("10.11"),
				"/databaseVersion", "choose one of 8.4"));
		cases.add(rule("MariaDB past its end of life", (o) -> o.withDatabaseVersion("10.6"), "/databaseVersion",
				"MariaDB 10.6 reached its end of life on 2026-07-06 and is no longer offered; choose one of 10.11, 11.4"));
		cases.add(rule("PostgreSQL past its end of life",
				(o) -> o.withDatabaseType("POSTGRESQL").withDatabaseVersion("14"), "/databaseVersion",
				"PostgreSQL 14 reached its end of life on 2026-11-12"));
		cases.add(rule("MySQL past its end of life", (o) -> o.withDatabaseType("MYSQL").withDatabaseVersion("8.0"),
				"/databaseVersion",
				"MySQL 8.0 reached its end of life on 2026-04-30 and is no longer offered; choose one of 8.4"));
		// customer
		cases.add(rule("missing customerId", (o) -> o.withCustomerId(null), "/customerId", "customerId is missing"));
		cases.add(rule("empty customerId", (o) -> o.withCustomerId(""), "/customerId", "1 to 64 characters"));
		cases.add(
				rule("customerId with spaces", (o) -> o.withCustomerId("c 1001"), "/customerId", "1 to 64 characters"));
		cases.add(rule("customerId too long", (o) -> o.withCustomerId("c".repeat(65)), "/customerId",
				"1 to 64 characters"));
		// documents
		cases.add(rule("documents missing", (o) -> o.withAcceptedDocuments(null), "/acceptedDocuments",
				"acceptedDocuments is missing"));
		cases.add(rule("no document accepted", (o) -> o.withAcceptedDocuments(List.of()), "/acceptedDocuments",
				"has not accepted terms-of-service (version 2025-01), data-processing-agreement"));
		cases.add(rule("one document missing", (o) -> o.withAcceptedDocuments(documentsWithout("service-description")),
				"/acceptedDocuments", "has not accepted service-description (version 2025-01)"));
		cases.add(rule("outdated document", (o) -> o.withAcceptedDocuments(documentsWith(0, "2024-06")),
				"/acceptedDocuments/0/version", "Terms of Service is at version 2025-01, not '2024-06'"));
		cases.add(rule("unknown document", (o) -> o.withAcceptedDocuments(documentsPlus("cookie-policy")),
				"/acceptedDocuments/3/id", "unknown document 'cookie-policy'"));
		cases.add(rule("document twice", (o) -> o.withAcceptedDocuments(documentsPlus("terms-of-service")),
				"/acceptedDocuments/3", "listed twice"));
		cases.add(rule("document without version", (o) -> o.withAcceptedDocuments(documentsWith(1, null)),
				"/acceptedDocuments/1/version", "version is missing"));
		// invoice profile
		cases.add(rule("no invoice profile", (o) -> o.withInvoiceProfile(null), "/invoiceProfile",
				"invoiceProfile is missing"));
		cases.add(rule("neither invoice form",
				(o) -> o.withInvoiceProfile(new InvoiceProfileDraft(false, null, false, null)), "/invoiceProfile",
				"send either"));
		cases.add(rule("both invoice forms",
				(o) -> o.withInvoiceProfile(new InvoiceProfileDraft(true, "inv-1", true, aNewInvoiceProfile())),
				"/invoiceProfile", "has both existingId and new"));
		cases.add(rule("blank existing id", (o) -> o.withInvoiceProfile(InvoiceProfileDraft.existing(" ")),
				"/invoiceProfile/existingId", "1 to 64 characters"));
		cases.add(rule("invalid email", (o) -> o.withNewInvoiceProfile(profile("email", "billing-at-example.com")),
				"/invoiceProfile/new/email", "not a valid e-mail address"));
		cases.add(rule("email without domain", (o) -> o.withNewInvoiceProfile(profile("email", "billing@")),
				"/invoiceProfile/new/email", "not a valid e-mail address"));
		cases.add(rule("email with spaces", (o) -> o.withNewInvoiceProfile(profile("email", "a b@example.com")),
				"/invoiceProfile/new/email", "not a valid e-mail address"));
		cases.add(rule("missing email", (o) -> o.withNewInvoiceProfile(profile("email", null)),
				"/invoiceProfile/new/email", "email is missing"));
		cases.add(rule("unknown country", (o) -> o.withNewInvoiceProfile(profile("country", "XX")),
				"/invoiceProfile/new/country", "'XX' is not a country code"));
		cases.add(rule("alpha-3 country", (o) -> o.withNewInvoiceProfile(profile("country", "DEU")),
				"/invoiceProfile/new/country", "not a country code"));
		cases.add(rule("lower-case country", (o) -> o.withNewInvoiceProfile(profile("country", "de")),
				"/invoiceProfile/new/country", "write it in upper case: DE"));
		cases.add(rule("missing country", (o) -> o.withNewInvoiceProfile(profile("country", null)),
				"/invoiceProfile/new/country", "country is missing"));
		cases.add(rule("blank company", (o) -> o.withNewInvoiceProfile(profile("companyName", "  ")),
				"/invoiceProfile/new/companyName", "blank"));
		cases.add(rule("company with line break", (o) -> o.withNewInvoiceProfile(profile("companyName", "A\nB")),
				"/invoiceProfile/new/companyName", "control characters"));
		cases.add(rule("invalid postal code", (o) -> o.withNewInvoiceProfile(profile("postalCode", "5")),
				"/invoiceProfile/new/postalCode", "2 to 10"));
		cases.add(rule("invalid VAT id", (o) -> o.withNewInvoiceProfile(profile("vatId", "DE 123")),
				"/invoiceProfile/new/vatId", "not a VAT id"));
		cases.add(rule("missing new profile details",
				(o) -> o.withInvoiceProfile(new InvoiceProfileDraft(false, null, true, null)), "/invoiceProfile/new",
				"new must hold the details"));
		// trusted sources as a list
		cases.add(rule("no trusted sources", (o) -> o.withTrustedSources(), "/trustedSources",
				"add at least one trusted source"));
		cases.add(rule("trusted sources missing", OrderDrafts::withoutTrustedSources, "/trustedSources",
				"add at least one trusted source"));
		cases.add(rule("51 trusted sources", (o) -> o.withTrustedSources(publicSlash32s(51)), "/trustedSources",
				"51 trusted sources are listed; at most 50"));
		cases.add(rule("duplicate entry", (o) -> o.withTrustedSources("8.8.8.8", "8.8.8.8/32"), "/trustedSources/1",
				"8.8.8.8/32 is listed twice (also at /trustedSources/0)"));
		cases.add(rule("covered entry", (o) -> o.withTrustedSources("222.222.222.130", "222.222.222.128/28"),
				"/trustedSources/0",
				"222.222.222.130/32 is already covered by 222.222.222.128/28 at /trustedSources/1"));
		cases.add(rule("hostile entry", (o) -> o.withTrustedSources("8.8.8.8", "0.0.0.0/0"), "/trustedSources/1",
				"would trust every address"));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenRules")
	void rejectsABrokenRuleWithPointerAndHint(String rule, UnaryOperator<OrderDrafts> change, String pointer,
			String detail) {
		Validation validation = this.validator.validate(change.apply(aValidOrder()).build());

		assertThat(validation).isInstanceOf(Validation.Invalid.class);
		assertThat(((Validation.Invalid) validation).violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.pointer()).isEqualTo(pointer);
			assertThat(violation.detail()).contains(detail);
		});
	}

	@Test
	void acceptsExactlyFiftyTrustedSources() {
		assertThat(this.validator.validate(aValidOrder().withTrustedSources(publicSlash32s(50)).build()))
			.isInstanceOf(Validation.Valid.class);
	}

	@Test
	void checksNoEntryPastTheLimitSoThatHugeListsStayCheap() {
		String[] sources = new String[5_000];
		java.util.Arrays.fill(sources, "10.0.0.1");

		Validation validation = this.validator.validate(aValidOrder().withTrustedSources(sources).build());

		assertThat(((Validation.Invalid) validation).violations()).hasSize(51)
			.first()
			.extracting(Violation::detail)
			.asString()
			.contains("5000 trusted sources are listed; at most 50");
	}

	private static Arguments rule(String rule, UnaryOperator<OrderDrafts> change, String pointer, String detail) {
		return Arguments.of(rule, change, pointer, detail);
	}

	private static String[] publicSlash32s(int count) {
		String[] sources = new String[count];
		for (int i = 0; i < count; i++) {
			sources[i] = "81.2.3." + i;
		}
		return sources;
	}

	private static List<AcceptedDocumentDraft> documentsWithout(String id) {
		List<AcceptedDocumentDraft> documents = new ArrayList<>(OrderDrafts.currentDocuments());
		documents.removeIf((document) -> document.id().equals(id));
		return documents;
	}

	private static List<AcceptedDocumentDraft> documentsWith(int index, String version) {
		List<AcceptedDocumentDraft> documents = new ArrayList<>(OrderDrafts.currentDocuments());
		documents.set(index, new AcceptedDocumentDraft(documents.get(index).id(), version));
		return documents;
	}

	private static List<AcceptedDocumentDraft> documentsPlus(String id) {
		List<AcceptedDocumentDraft> documents = new ArrayList<>(OrderDrafts.currentDocuments());
		documents.add(new AcceptedDocumentDraft(id, "2025-01"));
		return documents;
	}

	private static NewInvoiceProfileDraft profile(String field, String value) {
		NewInvoiceProfileDraft p = aNewInvoiceProfile();
		return new NewInvoiceProfileDraft(field.equals("companyName") ? value : p.companyName(),
				field.equals("email") ? value : p.email(), field.equals("street") ? value : p.street(),
				field.equals("postalCode") ? value : p.postalCode(), field.equals("city") ? value : p.city(),
				field.equals("country") ? value : p.country(), field.equals("vatId") ? value : p.vatId());
	}

}
