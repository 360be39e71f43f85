/**
 * Sample modules for {@code TechExArchitectureTest}, each a module of its own under this package: {@code tidy} keeps
 * every rule, each other breaks one rule its name hints at. Only that test reads them.
 */
package io.techex.testkit.samples;
