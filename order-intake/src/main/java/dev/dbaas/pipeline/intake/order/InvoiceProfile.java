package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who pays for an order: an existing invoice profile, or the details of a new one.
 */
public sealed interface InvoiceProfile {

	/**
	 * A reference to an invoice profile the portal already knows.
	 *
	 * @param id its id, 1 to 64 visible characters
	 */
	record Existing(String id) implements InvoiceProfile {

		public Existing {
			Objects.requireNonNull(id, "id");
		}

	}

	/**
	 * A new invoice profile, validated.
	 *
	 * @param companyName company name
	 * @param email e-mail address for invoices
	 * @param street street and number
	 * @param postalCode postal code
	 * @param city city
	 * @param country ISO 3166-1 alpha-2 code, upper case
	 * @param vatId VAT id, if any
	 */
	record New(String companyName, String email, String street, String postalCode, String city, String country,
			@Nullable String vatId) implements InvoiceProfile {

		public New {
			Objects.requireNonNull(companyName, "companyName");
			Objects.requireNonNull(email, "email");
			Objects.requireNonNull(street, "street");
			Objects.requireNonNull(postalCode, "postalCode");
			Objects.requireNonNull(city, "city");
			Objects.requireNonNull(country, "country");
		}

	}

}
