package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who pays for an order: an existing invoice profile, or the details of a new one. Either
 * form holds only valid values: its constructors parse every field with its value type
 * and refuse invalid ones with {@link InvalidOrderValue}. The fields stay text, the form
 * that the order table and the {@code OrderPlaced} event carry.
 */
public sealed interface InvoiceProfile {

	/**
	 * A reference to an invoice profile the portal already knows.
	 *
	 * @param id its id, as {@link InvoiceProfileId} defines it
	 */
	record Existing(String id) implements InvoiceProfile {

		/**
		 * Creates the reference.
		 * @param id the id
		 * @throws InvalidOrderValue if it is not a valid {@link InvoiceProfileId}
		 */
		public Existing {
			new InvoiceProfileId(Objects.requireNonNull(id, "id"));
		}

		/**
		 * Creates the reference from a parsed id.
		 * @param id the id
		 */
		public Existing(InvoiceProfileId id) {
			this(id.value());
		}

	}

	/**
	 * A new invoice profile, validated.
	 *
	 * @param companyName company name, as {@link CompanyName} defines it
	 * @param email e-mail address for invoices, as {@link EmailAddress} defines it
	 * @param street street and number, as {@link Street} defines it
	 * @param postalCode postal code, as {@link PostalCode} defines it
	 * @param city city, as {@link City} defines it
	 * @param country ISO 3166-1 alpha-2 code, upper case, as {@link CountryCode} defines
	 * it
	 * @param vatId VAT id as {@link VatId} defines it, if any
	 */
	record New(String companyName, String email, String street, String postalCode, String city, String country,
			@Nullable String vatId) implements InvoiceProfile {

		/**
		 * Creates the profile.
		 * @throws InvalidOrderValue if a field is not valid for its value type
		 */
		public New {
			new CompanyName(Objects.requireNonNull(companyName, "companyName"));
			new EmailAddress(Objects.requireNonNull(email, "email"));
			new Street(Objects.requireNonNull(street, "street"));
			new PostalCode(Objects.requireNonNull(postalCode, "postalCode"));
			new City(Objects.requireNonNull(city, "city"));
			new CountryCode(Objects.requireNonNull(country, "country"));
			if (vatId != null) {
				new VatId(vatId);
			}
		}

		/**
		 * Creates the profile from parsed values.
		 * @param companyName company name
		 * @param email e-mail address for invoices
		 * @param street street and number
		 * @param postalCode postal code
		 * @param city city
		 * @param country country
		 * @param vatId VAT id, if any
		 */
		public New(CompanyName companyName, EmailAddress email, Street street, PostalCode postalCode, City city,
				CountryCode country, @Nullable VatId vatId) {
			this(companyName.value(), email.value(), street.value(), postalCode.value(), city.value(), country.value(),
					(vatId != null) ? vatId.value() : null);
		}

	}

}
