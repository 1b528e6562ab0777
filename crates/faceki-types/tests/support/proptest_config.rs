//! The property tests' shared configuration: 1,000 cases, or `PROPTEST_CASES`.

use proptest::test_runner::Config as ProptestConfig;

/// The case count: `PROPTEST_CASES` if set to a number, else 1,000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// The configuration every property test here runs with.
pub(crate) fn config() -> ProptestConfig {
    ProptestConfig::with_cases(cases())
}
