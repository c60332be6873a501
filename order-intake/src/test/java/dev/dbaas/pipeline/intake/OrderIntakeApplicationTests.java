package dev.dbaas.pipeline.intake;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class OrderIntakeApplicationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void startsTheApplicationContext() {
		assertThat(this.context.getBean(OrderIntakeApplication.class)).isNotNull();
	}

}
