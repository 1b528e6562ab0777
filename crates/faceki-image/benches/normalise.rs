//! Normalising a 12-megapixel phone-like JPEG (4000×3000, made here: smooth
//! gradients with sensor-like noise, an EXIF segment): time on one core, peak memory
//! (the process's high-water mark), bytes before and after, and the upload time the
//! shrink saves on a 20 Mbit/s uplink.
//!
//! `cargo bench -p faceki-image --bench normalise`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use faceki_image::{NormalisePolicy, normalise};
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

/// A phone-like photo: smooth light, some texture, sensor noise.
fn phone_photo() -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 17) as i32 - 8
    };
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        let base = |v: u32, div: u32| ((v / div) % 200) as i32 + 30;
        let texture = (((x / 7) ^ (y / 5)) % 23) as i32;
        let mut c = |b: i32| (b + texture + noise()).clamp(0, 255) as u8;
        let (r, g) = (c(base(x, 20)), c(base(y, 15)));
        image::Rgb([r, g, c(base(x + y, 30))])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 95)
        .encode_image(&img)
        .unwrap();
    // An EXIF segment, as a phone writes one (orientation 1).
    let exif: &[u8] = b"\xFF\xE1\x00\x22Exif\x00\x00II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00";
    [&out[..2], exif, &out[2..]].concat()
}

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let photo = phone_photo();
    let before_peak = peak_mib();
    let policy = NormalisePolicy::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let started = Instant::now();
        let out = normalise(&photo, &policy).unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    let out = last.unwrap();
    let saved_ms = (photo.len() - out.bytes.len()) as f64 * 8.0 / 20e6 * 1000.0;
    println!("## Normalising a 12-megapixel phone-like JPEG (one thread, 7 runs)\n");
    println!("| what | figure |\n|---|---:|");
    println!(
        "| input | {}×{}, {} bytes |",
        out.before.width,
        out.before.height,
        photo.len()
    );
    println!(
        "| output | {}×{}, {} bytes |",
        out.after.width,
        out.after.height,
        out.bytes.len()
    );
    println!(
        "| bytes on the wire | {:.1}× fewer |",
        photo.len() as f64 / out.bytes.len() as f64
    );
    println!(
        "| time (median / fastest) | {:.0} ms / {:.0} ms |",
        times[times.len() / 2],
        times[0]
    );
    println!("| upload time saved at 20 Mbit/s | {saved_ms:.0} ms |");
    println!(
        "| time ÷ upload time saved (goal ≤ 0.1) | {:.3} |",
        times[times.len() / 2] / saved_ms
    );
    println!(
        "| peak memory, process (before the first run → after) | {before_peak:.0} → {:.0} MiB |",
        peak_mib()
    );
}
