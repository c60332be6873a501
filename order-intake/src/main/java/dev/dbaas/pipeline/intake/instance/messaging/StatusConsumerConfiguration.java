package dev.dbaas.pipeline.intake.instance.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the status consumer copes with a batch that cannot be applied: the listener already
 * skips every record it cannot use, so a failure means the database (or the instances
 * table) is unavailable. The batch is retried, with a growing pause of up to 10 s, for as
 * long as that lasts; it is never skipped, since a lost terminal status would leave its
 * instance busy for good.
 */
@Configuration(proxyBeanMethods = false)
class StatusConsumerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StatusConsumerConfiguration.class);

	@Bean
	CommonErrorHandler statusConsumerErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
		backOff.setMaxInterval(10_000);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> log
			.error("Gave up on status record {}-{}@{}", record.topic(), record.partition(), record.offset(), ex),
				backOff);
		return handler;
	}

}
