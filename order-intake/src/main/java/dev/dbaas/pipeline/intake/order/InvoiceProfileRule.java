package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.dbaas.pipeline.intake.order.OrderDraft.InvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.NewInvoiceProfileDraft;
import org.jspecify.annotations.Nullable;

/**
 * The invoice step: exactly one of an existing profile's id or the details of a new
 * profile, each detail parsed by its value type.
 */
final class InvoiceProfileRule {

	private static final String FORMS = "send either {\"existingId\": \"...\"} for a profile the customer already has, "
			+ "or {\"new\": {companyName, email, street, postalCode, city, country, vatId (optional)}}";

	private static final String NEW = "/invoiceProfile/new/";

	Checked<InvoiceProfile> check(@Nullable InvoiceProfileDraft draft) {
		List<Violation> violations = new ArrayList<>();
		return new Checked<>(profile(draft, violations), violations);
	}

	private static @Nullable InvoiceProfile profile(@Nullable InvoiceProfileDraft draft, List<Violation> violations) {
		if (draft == null || (!draft.existingIdPresent() && !draft.newProfilePresent())) {
			violations.add(new Violation("/invoiceProfile", "invoiceProfile is missing; " + FORMS));
			return null;
		}
		if (draft.existingIdPresent() && draft.newProfilePresent()) {
			violations.add(new Violation("/invoiceProfile", "invoiceProfile has both existingId and new; " + FORMS));
			return null;
		}
		if (draft.existingIdPresent()) {
			String id = draft.existingId();
			if (id == null) {
				violations.add(new Violation("/invoiceProfile/existingId", InvoiceProfileId.RULE));
				return null;
			}
			InvoiceProfileId parsed = InvoiceProfileId.parse(id).reportTo("/invoiceProfile/existingId", violations);
			return (parsed != null) ? new InvoiceProfile.Existing(parsed) : null;
		}
		NewInvoiceProfileDraft profile = draft.newProfile();
		if (profile == null) {
			violations.add(new Violation("/invoiceProfile/new", "new must hold the details of the invoice profile: "
					+ "companyName, email, street, postalCode, city, country and optionally vatId"));
			return null;
		}
		return newProfile(profile, violations);
	}

	private static InvoiceProfile.@Nullable New newProfile(NewInvoiceProfileDraft profile, List<Violation> violations) {
		int before = violations.size();
		CompanyName companyName = field("companyName", "companyName is missing", profile.companyName(),
				CompanyName::parse, violations);
		EmailAddress email = field("email", "email is missing; send the address invoices go to", profile.email(),
				EmailAddress::parse, violations);
		Street street = field("street", "street is missing", profile.street(), Street::parse, violations);
		PostalCode postalCode = field("postalCode", "postalCode is missing", profile.postalCode(), PostalCode::parse,
				violations);
		City city = field("city", "city is missing", profile.city(), City::parse, violations);
		CountryCode country = field("country", "country is missing; send the ISO 3166-1 alpha-2 code, e.g. DE",
				profile.country(), CountryCode::parse, violations);
		String vatIdText = profile.vatId();
		VatId vatId = (vatIdText != null) ? VatId.parse(vatIdText).reportTo(NEW + "vatId", violations) : null;
		if (violations.size() > before || companyName == null || email == null || street == null || postalCode == null
				|| city == null || country == null) {
			return null;
		}
		return new InvoiceProfile.New(companyName, email, street, postalCode, city, country, vatId);
	}

	private static <T> @Nullable T field(String name, String missing, @Nullable String value,
			Function<String, Parsed<T>> parser, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(NEW + name, missing));
			return null;
		}
		return parser.apply(value).reportTo(NEW + name, violations);
	}

}
