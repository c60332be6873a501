package dev.dbaas.pipeline.contract.kafka;

import java.util.Map;

import dev.dbaas.pipeline.contract.config.PipelineContractAutoConfiguration;
import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import dev.dbaas.pipeline.schemas.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PipelineTopicsTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PipelineContractAutoConfiguration.class));

	@Test
	void defaultsEveryNameThatIsUnsetOrBlankToTopics() {
		PipelineTopics topics = new PipelineTopics(null, " ", "", null);

		assertThat(topics).isEqualTo(PipelineTopics.defaults());
		assertThat(topics.orderPlaced()).isEqualTo(Topics.ORDER_PLACED.name()).isEqualTo("dbaas.order.placed.v1");
		assertThat(topics.orderStatus()).isEqualTo("dbaas.order.status.v1");
		assertThat(topics.orderPlacedDlt()).isEqualTo("dbaas.order.placed.v1.dlt");
		assertThat(topics.orderStatusDlt()).isEqualTo("dbaas.order.status.v1.dlt");
	}

	@Test
	void namesTheDeadLetterTopicOfEachMainTopicAndOfNoOther() {
		PipelineTopics topics = new PipelineTopics("placed", "status", "placed-dlt", "status-dlt");

		assertThat(topics.deadLetterTopicOf("placed")).isEqualTo("placed-dlt");
		assertThat(topics.deadLetterTopicOf("status")).isEqualTo("status-dlt");
		assertThat(topics.mainTopics()).containsExactly("placed", "status");
		assertThatIllegalArgumentException().isThrownBy(() -> topics.deadLetterTopicOf("placed-dlt"))
			.withMessage("No dead-letter topic for placed-dlt");
	}

	@Test
	void bindsPipelineTopicsPropertiesInEveryServiceThatHasTheContract() {
		this.contexts
			.withPropertyValues("pipeline.topics.order-placed=t1.placed", "pipeline.topics.order-status-dlt=t1.dlt")
			.run((context) -> {
				PipelineTopics topics = context.getBean(PipelineTopics.class);
				assertThat(Map.of("placed", topics.orderPlaced(), "status", topics.orderStatus(), "statusDlt",
						topics.orderStatusDlt()))
					.containsEntry("placed", "t1.placed")
					.containsEntry("status", Topics.ORDER_STATUS.name())
					.containsEntry("statusDlt", "t1.dlt");
				assertThat(context).hasSingleBean(OrderTraces.class);
				assertThat(context.getBean(OrderTraces.class).current()).as("no tracer, no trace context").isNull();
			});
	}

}
