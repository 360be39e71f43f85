package io.techex.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks that services keep their side of the event contracts. Each service's test suite calls these, so a
 * public event without a schema, or a consumer that no longer reads what producers send, fails the build.
 */
public final class ContractCheck {

    private ContractCheck() {
    }

    /**
     * Every {@link PublicEvent} class under {@code basePackage} has a schema and a sample; the sample satisfies
     * the schema; the sample reads into the event class and writes back to the same JSON (so the sample is
     * really what the producer sends), which again satisfies the schema.
     *
     * @return the CloudEvent types checked, so a caller can assert it found the events it expected
     */
    public static List<String> assertProducerContracts(String basePackage) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> checked = new TreeSet<>();
        for (Class<?> eventClass : publicEventClasses(basePackage)) {
            String type;
            try {
                type = EventContracts.typeOf(eventClass);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            checked.add(type);
            EventContract contract = EventContracts.find(type).orElse(null);
            if (contract == null) {
                problems.add(type + " (" + eventClass.getName() + ") has no schema and sample in the contracts folder");
                continue;
            }
            contract.violations(contract.sample()).forEach(v -> problems.add(contract.samplePath() + ": " + v));
            try {
                ObjectMapper mapper = EventJson.mapper();
                Object event = mapper.treeToValue(contract.sample(), eventClass);
                JsonNode written = mapper.valueToTree(event);
                if (!written.equals(contract.sample())) {
                    problems.add(type + ": the producer writes " + written + " but the sample says " + contract.sample());
                }
                contract.violations(written).forEach(v -> problems.add(type + " as produced: " + v));
            } catch (Exception e) {
                problems.add(type + ": the sample does not read into " + eventClass.getSimpleName() + ": " + e.getMessage());
            }
        }
        failIfAny(problems);
        return List.copyOf(checked);
    }

    /**
     * A consumer's view of an event type, written for that type's version, still reads what producers send:
     * the sample, and the sample with a field the consumer has never heard of (an additive change a producer
     * may make without a new version). Every component of the view must come out non-null.
     */
    public static <T extends Record> void assertConsumerReads(String type, Class<T> consumerView) {
        EventContract contract = EventContracts.find(type)
                .orElseThrow(() -> new AssertionError("No contract for " + type));
        ObjectNode extended = contract.sample().deepCopy();
        extended.put("fieldAddedByALaterProducer", "ignored by tolerant readers");
        List<String> problems = new ArrayList<>();
        for (JsonNode payload : List.of(contract.sample(), extended)) {
            try {
                T view = EventJson.mapper().treeToValue(payload, consumerView);
                for (RecordComponent component : consumerView.getRecordComponents()) {
                    var accessor = component.getAccessor();
                    // consumer views are package-private records, as they are nobody else's business
                    accessor.setAccessible(true);
                    if (accessor.invoke(view) == null) {
                        problems.add(consumerView.getSimpleName() + "." + component.getName() + " is not in " + type);
                    }
                }
            } catch (Exception e) {
                problems.add(consumerView.getSimpleName() + " cannot read " + type + ": " + e.getMessage());
            }
        }
        failIfAny(problems);
    }

    private static List<Class<?>> publicEventClasses(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(PublicEvent.class));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            classes.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), ContractCheck.class.getClassLoader()));
        }
        return classes;
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("Event contract broken:\n  " + String.join("\n  ", problems));
        }
    }
}
