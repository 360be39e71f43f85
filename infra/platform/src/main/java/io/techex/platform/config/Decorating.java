package io.techex.platform.config;

import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.function.Function;

/** Decorates every bean of a type, whoever made it (Boot, Axon or the platform), once. */
public final class Decorating {

    private Decorating() {
    }

    /** Declare the result as a {@code static @Bean}, so that it is there before the beans it decorates. */
    public static <T> BeanPostProcessor every(Class<T> type, Class<? extends T> decorator, Function<T, ? extends T> decorate) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return type.isInstance(bean) && !decorator.isInstance(bean) ? decorate.apply(type.cast(bean)) : bean;
            }
        };
    }
}
