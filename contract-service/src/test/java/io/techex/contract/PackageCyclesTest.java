package io.techex.contract;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * contract-service's features (the packages under {@code io.techex.contract}) depend on each other one way only: e.g.
 * royalty on agreement's read side and its {@code ContractFollowUp}, never agreement on royalty. Tests count too: a
 * test in a feature's package that needs another feature's wiring lives in {@code io.techex.contract} itself.
 */
class PackageCyclesTest {

    @Test
    void theFeaturesDependOnEachOtherOneWayOnly() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.techex.contract");
        slices().matching("io.techex.contract.(*)..").should().beFreeOfCycles().check(classes);
    }
}
