package dev.dbaas.pipeline.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The released versions of every event schema, read from
 * {@code dev/dbaas/pipeline/schemas/avro/history/<Name>.v<N>.avsc} on the class path. A
 * reader resolves data written with any released version against the current schema.
 *
 * <p>
 * Thread-safe and immutable once loaded.
 */
public final class EventSchemas {

	/** Where released versions live on the class path. */
	public static final String HISTORY_LOCATION = "/dev/dbaas/pipeline/schemas/avro/history/";

	private static final String EVENTS_PACKAGE = OrderPlaced.class.getPackageName();

	private static final Map<Class<? extends SpecificRecord>, Schema> CURRENT = Map.of(OrderPlaced.class,
			OrderPlaced.getClassSchema(), OrderStatusChanged.class, OrderStatusChanged.getClassSchema());

	private static final AtomicBoolean TRUSTED = new AtomicBoolean();

	static {
		trustEventClasses();
	}

	private EventSchemas() {
	}

	/**
	 * The event types of the pipeline.
	 * @return the generated classes with a schema history
	 */
	public static List<Class<? extends SpecificRecord>> eventTypes() {
		return List.of(OrderPlaced.class, OrderStatusChanged.class);
	}

	/**
	 * The current (writer) schema of an event type.
	 * @param type a generated event class
	 * @return its schema
	 */
	public static Schema current(Class<? extends SpecificRecord> type) {
		Schema schema = CURRENT.get(type);
		if (schema == null) {
			throw new IllegalArgumentException("Not a pipeline event type: " + type.getName());
		}
		return schema;
	}

	/**
	 * Every released version of an event schema, oldest first.
	 * @param type a generated event class
	 * @return the released versions; empty if none was released yet
	 */
	public static List<ReleasedSchema> released(Class<? extends SpecificRecord> type) {
		String name = current(type).getName();
		List<ReleasedSchema> versions = new ArrayList<>();
		for (int version = 1;; version++) {
			String resource = HISTORY_LOCATION + name + ".v" + version + ".avsc";
			try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
				if (in == null) {
					return List.copyOf(versions);
				}
				versions.add(new ReleasedSchema(name, version, new Schema.Parser().parse(in)));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read released schema " + resource, ex);
			}
		}
	}

	/**
	 * A schema store that knows the current and every released version of an event type.
	 * @param type a generated event class
	 * @return a store to resolve writer fingerprints
	 */
	public static SchemaStore storeFor(Class<? extends SpecificRecord> type) {
		SchemaStore.Cache store = new SchemaStore.Cache();
		store.addSchema(current(type));
		released(type).forEach((released) -> store.addSchema(released.schema()));
		return store;
	}

	/**
	 * Avro 1.12 refuses to instantiate classes that are not trusted. The generated event
	 * classes are ours, so the serde trusts their package once, here, instead of every
	 * application setting {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
	 */
	static void trustEventClasses() {
		if (!TRUSTED.compareAndSet(false, true)) {
			return;
		}
		ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
		ClassSecurityValidator.setGlobal(
				ClassSecurityValidator.composite(previous, (type) -> EVENTS_PACKAGE.equals(type.getPackageName())));
	}

	/**
	 * A released schema version.
	 *
	 * @param name schema name, e.g. {@code OrderPlaced}
	 * @param version released version, starting at 1
	 * @param schema the parsed schema
	 */
	public record ReleasedSchema(String name, int version, Schema schema) {

		@Override
		public String toString() {
			return this.name + " v" + this.version;
		}

	}

}
