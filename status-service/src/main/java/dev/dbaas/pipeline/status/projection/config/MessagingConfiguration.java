package dev.dbaas.pipeline.status.projection.config;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka plumbing of the projection: the dead-letter producer and the error handler of the
 * listener containers.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/**
	 * Producer for the dead-letter topics: original bytes for records that did not
	 * deserialize, Avro for decoded records the view rejected.
	 * @param properties Boot's Kafka properties
	 * @return the template
	 */
	@Bean
	KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
		Map<Class<?>, Serializer<?>> values = new LinkedHashMap<>();
		values.put(byte[].class, new ByteArraySerializer());
		values.put(SpecificRecord.class, new AvroEventSerializer());
		@SuppressWarnings({ "rawtypes", "unchecked" })
		Serializer<Object> keys = (Serializer) new StringSerializer();
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(properties.buildProducerProperties(), keys,
				new DelegatingByTypeSerializer(values, true)));
	}

	/**
	 * A failed batch (the database is down, say) is retried with back-off, without limit:
	 * records that cannot be applied never get here, they are dead-lettered by the
	 * listener, so giving up would only lose good events.
	 * @return the error handler
	 */
	@Bean
	CommonErrorHandler batchErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		return new DefaultErrorHandler(backOff);
	}

}
