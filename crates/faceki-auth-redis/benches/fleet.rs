//! Fleet benchmarks (placeholder while the crate is built up).
fn main() {}
