package io.techex.testkit;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The exchange's architecture rules, once for every module: each module's {@code <Module>ArchitectureTest} checks its
 * own main classes ({@code TechExArchitecture.checksOf("io.techex.listing")}), the launcher's
 * {@code ExchangeArchitectureTest} every module on its class path at once, so a module without a test of its own is
 * still held to them. Test code is not checked. Each rule fails on the code it keeps out
 * ({@code TechExArchitectureTest}).
 *
 * <p>A <em>module</em> is the package {@code io.techex.<name>}: the infrastructure modules {@code platform},
 * {@code contracts}, {@code testkit}, {@code authserver}, {@code launcher} and {@code bench}, and the services, which
 * are every other name ({@code listing}, {@code bidding}, {@code contract}, {@code audit}, and whichever comes next).
 * A <em>feature</em> is a package directly under a module ({@code io.techex.bidding.auction}).
 *
 * <ol>
 *   <li><b>Modules depend on what they may</b> ({@link #modulesDependOnlyOnWhatTheyMay}): a service's classes use, of
 *       TechEx's own, only its own, {@code platform}'s and {@code contracts}' (services talk through Kafka and the
 *       event contracts, never through each other's classes); {@code platform} only itself and {@code contracts};
 *       {@code contracts} and {@code authserver} only themselves; {@code testkit} itself and {@code authserver};
 *       {@code launcher} and {@code bench}, which run the whole exchange, anything.</li>
 *   <li><b>Features depend on each other one way</b> ({@link #featuresFreeOfCycles}): no cycle between the feature
 *       packages of a module (e.g. {@code contract.agreement} → {@code contract.royalty} → {@code contract.agreement}).
 *   </li>
 *   <li><b>The domain depends on no web or Kafka code</b> ({@link #domainFreeOfWebAndKafka}). The exchange packages
 *       by feature, so a controller sits beside its aggregate; the rule is therefore on classes. The domain is every
 *       aggregate (a class annotated with Axon's {@code @AggregateRoot}, as Spring's {@code @Aggregate} is), every
 *       class with a {@code @CommandHandler}, {@code @EventSourcingHandler} or {@code @DeadlineHandler}, every public
 *       event, and every TechEx class these reach through TechEx classes: the commands, events, deadlines, value
 *       types and rules they use, and what those use in turn (the platform's included). None of them may depend on a
 *       web type ({@code org.springframework.web}, {@code org.springframework.http}, {@code jakarta.servlet},
 *       {@code org.springdoc}, {@code io.swagger}, {@code io.techex.platform.web}, {@code io.techex.platform.security})
 *       or a Kafka type ({@code org.apache.kafka}, {@code org.springframework.kafka}, {@code io.cloudevents},
 *       {@code io.techex.platform.relay}, {@code io.techex.platform.consumer}, {@code io.techex.platform.events}).
 *       A violation names the path from the domain class to the web or Kafka type.</li>
 *   <li><b>Public events live in {@code api}</b> ({@link #publicEventsInApi}): every class implementing
 *       {@code io.techex.contracts.PublicEvent} or annotated {@code @EventType} is in its module's {@code api}
 *       package (or below it).</li>
 *   <li><b>{@code api} carries only itself</b> ({@link #apiSelfContained}): an {@code api} package's classes depend
 *       only on their own {@code api} package, {@code io.techex.contracts}, {@code java..}, Jackson's annotations,
 *       {@code jakarta.annotation} (a field that may be null says so: the HTTP answers that carry these values document
 *       it from there) and JSON values ({@code JsonNode}), so everything a public event carries is published with it, and no
 *       feature's internals leak into it.</li>
 *   <li><b>Controllers go through commands and read models</b> ({@link #controllersKeepOutOfAggregates}): a class
 *       annotated {@code @Controller} or {@code @RestController} neither touches Axon's event store, event bus or
 *       repositories ({@code org.axonframework.eventsourcing}, {@code EventBus}, {@code modelling.command.Repository})
 *       nor uses an aggregate's instance methods, constructors or fields: it sends commands and reads projections. An
 *       event no aggregate decides on (a confidential document viewed) it may publish through Axon's
 *       {@code EventGateway}; an aggregate's static members, which state rules of its identity such as
 *       {@code Nda.idOf(listingId, firm)}, and its class ({@code createdEarlier(Listing.class, id)}) it may use.</li>
 * </ol>
 */
public final class TechExArchitecture {

    private static final String ANY = "*";
    /** The infrastructure modules and the modules each may depend on; any other module is a service. */
    private static final Map<String, Set<String>> INFRASTRUCTURE = Map.of(
            "platform", Set.of("platform", "contracts"),
            "contracts", Set.of("contracts"),
            "authserver", Set.of("authserver"),
            "testkit", Set.of("testkit", "authserver"),
            "launcher", Set.of(ANY),
            "bench", Set.of(ANY));
    private static final Set<String> SERVICES_MAY_USE = Set.of("platform", "contracts");

    private static final String PUBLIC_EVENT = "io.techex.contracts.PublicEvent";
    private static final String EVENT_TYPE = "io.techex.contracts.EventType";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String AGGREGATE_ROOT = "org.axonframework.modelling.command.AggregateRoot";
    private static final List<String> DOMAIN_HANDLERS = List.of(
            "org.axonframework.commandhandling.CommandHandler",
            "org.axonframework.eventsourcing.EventSourcingHandler",
            "org.axonframework.deadline.annotation.DeadlineHandler");
    private static final List<String> WEB = List.of("org.springframework.web", "org.springframework.http",
            "jakarta.servlet", "org.springdoc", "io.swagger", "io.techex.platform.web", "io.techex.platform.security");
    private static final List<String> KAFKA = List.of("org.apache.kafka", "org.springframework.kafka", "io.cloudevents",
            "io.techex.platform.relay", "io.techex.platform.consumer", "io.techex.platform.events");
    private static final List<String> API_MAY_USE = List.of("io.techex.contracts", "java", "jakarta.annotation",
            "com.fasterxml.jackson.annotation", "com.fasterxml.jackson.databind.JsonNode",
            "com.fasterxml.jackson.databind.node");
    private static final List<String> EVENT_STORE = List.of("org.axonframework.eventsourcing",
            "org.axonframework.eventhandling.EventBus", "org.axonframework.modelling.command.Repository");

    private static final TechExArchitecture EXCHANGE = new TechExArchitecture("io.techex");
    private static JavaClasses imported;

    /** The package whose sub-packages are the modules: {@code io.techex}, or a test's own. */
    private final String root;

    TechExArchitecture(String root) {
        this.root = root;
    }

    /**
     * Every rule, each a test of its own, checked on the main classes under {@code basePackage}
     * ({@code "io.techex"} for all of them). Their dependencies are followed through every TechEx class on the class
     * path.
     */
    public static Stream<DynamicTest> checksOf(String basePackage) {
        JavaClasses scope = techExClasses().that(resideInAPackage(basePackage + ".."));
        return EXCHANGE.rules().entrySet().stream().map(rule ->
                DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(scope)));
    }

    /** TechEx's main classes on the class path, imported once per JVM. */
    static synchronized JavaClasses techExClasses() {
        if (imported == null) {
            imported = importPackages(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, "io.techex");
        }
        return imported;
    }

    /**
     * The classes of {@code packages}, and of the libraries only what the rules read: the names of the types they use
     * and the annotations on annotations ({@code @RestController} is a {@code @Controller}, Spring's {@code @Aggregate}
     * an {@code @AggregateRoot}). ArchUnit's default also imports every library type the classes use, with its
     * supertypes and generic signatures: slower, and nothing these rules read.
     */
    static JavaClasses importPackages(ImportOption option, String... packages) {
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            for (String resolution : List.of("MemberTypes", "AccessesToTypes", "Supertypes", "EnclosingTypes",
                    "GenericSignatureTypes")) {
                configuration.setProperty("import.dependencyResolutionProcess.maxIterationsFor" + resolution, "0");
            }
            configuration.setProperty("import.dependencyResolutionProcess.maxIterationsForAnnotationTypes", "-1");
            return new ClassFileImporter().withImportOption(option).importPackages(packages);
        });
    }

    /** The rules by the name their test gets. */
    Map<String, ArchRule> rules() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("modules depend only on what they may", modulesDependOnlyOnWhatTheyMay());
        rules.put("features depend on each other one way only", featuresFreeOfCycles());
        rules.put("the domain depends on no web or Kafka code", domainFreeOfWebAndKafka());
        rules.put("public events live in api", publicEventsInApi());
        rules.put("api carries only itself", apiSelfContained());
        rules.put("controllers go through commands and read models", controllersKeepOutOfAggregates());
        return rules;
    }

    ArchRule modulesDependOnlyOnWhatTheyMay() {
        return classes().that(areInAModule())
                .should(new ArchCondition<>("depend, of TechEx's modules, only on those their module may use") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String from = moduleOf(origin).orElseThrow();
                        Set<String> allowed = mayUse(from);
                        if (allowed.contains(ANY)) {
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            moduleOf(dependency.getTargetClass().getBaseComponentType())
                                    .filter(to -> !allowed.contains(to))
                                    .ifPresent(to -> events.add(SimpleConditionEvent.violated(dependency,
                                            "module " + from + " may not use module " + to + ": "
                                                    + dependency.getDescription())));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    ArchRule featuresFreeOfCycles() {
        return slices().matching(root + ".(*).(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    ArchRule domainFreeOfWebAndKafka() {
        return classes().that(areDomainRoots())
                .should(new ArchCondition<>("reach no web or Kafka type through TechEx classes") {
                    @Override
                    public void check(JavaClass start, ConditionEvents events) {
                        // breadth first, so each web or Kafka type is reported once, by a shortest path to it
                        Map<JavaClass, Dependency> reachedBy = new HashMap<>();
                        Set<JavaClass> reported = new HashSet<>();
                        ArrayDeque<JavaClass> queue = new ArrayDeque<>(List.of(start));
                        reachedBy.put(start, null);
                        while (!queue.isEmpty()) {
                            JavaClass current = queue.poll();
                            for (Dependency dependency : current.getDirectDependenciesFromSelf()) {
                                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                                if (inAny(target, WEB) || inAny(target, KAFKA)) {
                                    if (reported.add(target)) {
                                        events.add(SimpleConditionEvent.violated(start, start.getName() + " reaches "
                                                + target.getName() + ": " + path(reachedBy, current)
                                                + dependency.getDescription()));
                                    }
                                } else if (isTechEx(target) && !reachedBy.containsKey(target)) {
                                    reachedBy.put(target, dependency);
                                    queue.add(target);
                                }
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    ArchRule publicEventsInApi() {
        return classes().that().areAssignableTo(PUBLIC_EVENT).and().areNotInterfaces()
                .or().areAnnotatedWith(EVENT_TYPE)
                .should().resideInAPackage(root + ".*.api..")
                .allowEmptyShould(true);
    }

    ArchRule apiSelfContained() {
        return classes().that().resideInAPackage(root + ".*.api..")
                .should(new ArchCondition<>("depend only on their own api package, io.techex.contracts, java, "
                        + "Jackson's annotations, nullability and JSON values") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String api = root + "." + moduleOf(origin).orElseThrow() + ".api";
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass().getBaseComponentType();
                            if (!target.isPrimitive() && !inAny(target, API_MAY_USE) && !inAny(target, List.of(api))) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    ArchRule controllersKeepOutOfAggregates() {
        DescribedPredicate<JavaClass> controllers = DescribedPredicate.describe("are controllers",
                c -> c.isAnnotatedWith(CONTROLLER) || c.isMetaAnnotatedWith(CONTROLLER));
        return classes().that(controllers)
                .should(new ArchCondition<>("use neither Axon's event store, event bus or repositories, nor an "
                        + "aggregate's instance methods, constructors or fields") {
                    @Override
                    public void check(JavaClass controller, ConditionEvents events) {
                        for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
                            if (inAny(dependency.getTargetClass().getBaseComponentType(), EVENT_STORE)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                        for (JavaAccess<?> access : controller.getAccessesFromSelf()) {
                            if (isAggregate(access.getTargetOwner()) && !isStatic(access)) {
                                events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    private DescribedPredicate<JavaClass> areInAModule() {
        return DescribedPredicate.describe("are in a TechEx module", c -> moduleOf(c).isPresent());
    }

    private static DescribedPredicate<JavaClass> areDomainRoots() {
        return DescribedPredicate.describe("are aggregates, command, event sourcing or deadline handlers, or public "
                + "events", c -> isAggregate(c)
                || c.getCodeUnits().stream().anyMatch(unit -> DOMAIN_HANDLERS.stream().anyMatch(unit::isAnnotatedWith))
                || (!c.isInterface() && c.isAssignableTo(PUBLIC_EVENT)));
    }

    private static boolean isAggregate(JavaClass c) {
        return c.isAnnotatedWith(AGGREGATE_ROOT) || c.isMetaAnnotatedWith(AGGREGATE_ROOT);
    }

    private static boolean isStatic(JavaAccess<?> access) {
        return access.getTarget().resolveMember()
                .map(member -> member.getModifiers().contains(JavaModifier.STATIC))
                .orElse(false);
    }

    private boolean isTechEx(JavaClass c) {
        return c.getPackageName().startsWith("io.techex.") || c.getPackageName().startsWith(root + ".");
    }

    /** The module ({@code <root>.<module>}) a class is in, if it is in one. */
    private Optional<String> moduleOf(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static Set<String> mayUse(String module) {
        Set<String> infrastructure = INFRASTRUCTURE.get(module);
        if (infrastructure != null) {
            return infrastructure;
        }
        Set<String> service = new HashSet<>(SERVICES_MAY_USE);
        service.add(module);
        return service;
    }

    private static boolean inAny(JavaClass c, List<String> packagesOrClasses) {
        String name = c.getName();
        String pkg = c.getPackageName();
        return packagesOrClasses.stream().anyMatch(p -> name.equals(p) || pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** How the breadth-first walk reached {@code end} from its root, one dependency after the other. */
    private static String path(Map<JavaClass, Dependency> reachedBy, JavaClass end) {
        List<String> steps = new ArrayList<>();
        for (Dependency step = reachedBy.get(end); step != null; step = reachedBy.get(step.getOriginClass())) {
            steps.addFirst(step.getDescription());
        }
        return steps.isEmpty() ? "" : String.join(" -> ", steps) + " -> ";
    }
}
