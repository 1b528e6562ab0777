//! Upload memory: the peak resident set while one V2 multi-document verification
//! uploads seven 20 MiB images to a local server that discards the body as it arrives.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use faceki_http::{Client, ImageInput};

/// Bytes per image.
const IMAGE: u64 = 20 * 1024 * 1024;
/// The seven V2 multi parts.
const PARTS: [&str; 7] = [
    "selfie", "id_front", "id_back", "dl_front", "dl_back", "pp_front", "pp_back",
];

/// A kB field of `/proc/self/status` (`VmRSS`, `VmHWM`), in bytes.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets `VmHWM` to the current RSS (Linux: write "5" to `/proc/self/clear_refs`).
fn reset_high_water_mark() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A JPEG start (SOI, APP0 "JFIF") followed by filler, `IMAGE` bytes in all.
fn write_image(path: &Path) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let header = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    file.write_all(&header).unwrap();
    let block = vec![0xA5u8; 1024 * 1024];
    let mut written = header.len() as u64;
    while written < IMAGE {
        let n = (IMAGE - written).min(block.len() as u64) as usize;
        file.write_all(&block[..n]).unwrap();
        written += n as u64;
    }
    file.flush().unwrap();
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Runs the upload and prints its figures.
pub(crate) async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = PARTS
        .iter()
        .map(|name| {
            let path = dir.path().join(format!("{name}.jpg"));
            write_image(&path);
            path
        })
        .collect();
    let (addr, received) = super::server::start().await;
    let client = Client::builder()
        .base_url(format!("http://{addr}"))
        .credentials("bench-id", "bench-secret")
        .max_image_bytes(IMAGE)
        .build()
        .unwrap();
    // Fetch the token and open the connection first: the measurement is the upload.
    client.v2().rules().await.unwrap();

    // A sampler as a second witness, in case VmHWM cannot be reset.
    let sampling = Arc::new(AtomicBool::new(true));
    let sampled_peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (sampling, peak) = (Arc::clone(&sampling), Arc::clone(&sampled_peak));
        std::thread::spawn(move || {
            while sampling.load(Ordering::Relaxed) {
                if let Some(rss) = status_kb("VmRSS:") {
                    peak.fetch_max(rss, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };

    let before = status_kb("VmRSS:").unwrap();
    let reset = reset_high_water_mark();
    let hwm_at_start = status_kb("VmHWM:").unwrap();
    let started = Instant::now();
    let input = paths.iter().zip(PARTS).fold(
        faceki_http::v2::MultiVerification::new(),
        |input, (path, part)| {
            let image = ImageInput::path(path);
            match part {
                "selfie" => input.selfie_image(image),
                "id_front" => input.id_front_image(image),
                "id_back" => input.id_back_image(image),
                "dl_front" => input.dl_front_image(image),
                "dl_back" => input.dl_back_image(image),
                "pp_front" => input.pp_front_image(image),
                _ => input.pp_back_image(image),
            }
        },
    );
    client.v2().verify_multi(input).await.unwrap();
    let elapsed = started.elapsed();
    let hwm = status_kb("VmHWM:").unwrap();
    sampling.store(false, Ordering::Relaxed);
    sampler.join().unwrap();
    let sampled = sampled_peak.load(Ordering::Relaxed);
    let after = status_kb("VmRSS:").unwrap();

    let uploaded = received.get();
    assert!(
        uploaded >= 7 * IMAGE,
        "the server received {uploaded} bytes"
    );
    // VmHWM counts only after a successful reset; the sampler and the final RSS always
    // count (VmHWM is updated lazily and can lag the RSS read right after).
    let peak = if reset { hwm.max(sampled) } else { sampled }.max(after);

    println!("## Upload memory: V2 multi verification, 7 x 20 MiB images, streamed");
    println!();
    println!("| figure | value |");
    println!("|---|---:|");
    println!("| body received by the server | {:.1} MiB |", mib(uploaded));
    println!("| upload time | {:.0} ms |", elapsed.as_secs_f64() * 1e3);
    println!("| RSS before | {:.1} MiB |", mib(before));
    println!(
        "| VmHWM reset before the upload | {} (VmHWM right after: {:.1} MiB) |",
        if reset { "yes" } else { "no" },
        mib(hwm_at_start)
    );
    println!("| peak RSS during (VmHWM) | {:.1} MiB |", mib(hwm));
    println!(
        "| peak RSS during (2 ms sampler) | {:.1} MiB |",
        mib(sampled)
    );
    println!("| RSS after | {:.1} MiB |", mib(after));
    println!(
        "| increase (peak - before) | {:.1} MiB |",
        mib(peak.saturating_sub(before))
    );
    println!();
}
