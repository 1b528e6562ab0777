//! Client benchmarks (`cargo bench -p faceki-http --bench client`): per-call overhead
//! of the SDK against hand-written reqwest, and peak memory of a 140 MiB upload. They
//! print Markdown tables; nothing here asserts a timing. Figures and the machine they
//! were taken on are in `docs/performance.md` ("Client").
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

#[path = "client/in_memory.rs"]
mod in_memory;
#[path = "client/overhead.rs"]
mod overhead;
#[path = "client/server.rs"]
mod server;
#[path = "client/upload.rs"]
mod upload;

fn main() {
    // `cargo bench` passes `--bench`; a filter argument picks one part.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // Memory first, before the overhead runs grow the allocator's pools.
        if filter.is_empty() || "upload".contains(filter.as_str()) {
            upload::run().await;
        }
        if filter.is_empty() || "overhead".contains(filter.as_str()) {
            in_memory::run().await;
            overhead::run().await;
        }
    });
}
