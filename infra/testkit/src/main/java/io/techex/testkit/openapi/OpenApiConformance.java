package io.techex.testkit.openapi;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.web.context.WebApplicationContext;

/**
 * Puts an {@link OpenApiConformanceFilter} in front of every other filter of a servlet web application, so that each
 * answer it gives is checked against its OpenAPI document. The test kit does it for every {@code @IntegrationTest}
 * context; a test that starts applications itself passes {@link #initializer()} to them and extends
 * {@link OpenApiConformanceExtension}.
 */
public final class OpenApiConformance implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "techexOpenApiConformanceFilter";

    public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return new OpenApiConformance();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!(context instanceof WebApplicationContext) || !(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)
                || registry.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        RootBeanDefinition filter = new RootBeanDefinition(FilterRegistrationBean.class, () -> {
            String service = context.getEnvironment().getProperty("spring.application.name", "application");
            var registration = new FilterRegistrationBean<>(new OpenApiConformanceFilter(service));
            registration.setName(BEAN_NAME);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
            return registration;
        });
        registry.registerBeanDefinition(BEAN_NAME, filter);
    }
}
