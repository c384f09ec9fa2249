/** JMH benchmarks of Workstate over real SQLite, PostgreSQL and Markdown stores (run from target/benchmarks.jar). */
package dev.workstate.benchmarks;
