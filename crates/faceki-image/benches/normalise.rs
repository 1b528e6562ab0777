//! Normalising a 12-megapixel phone-like JPEG (4000×3000, made here: smooth
//! gradients with sensor-like noise, an EXIF segment): time on one core, peak memory
//! (the process's high-water mark), bytes before and after, and the upload time the
//! shrink saves on a 20 Mbit/s uplink; then where the time goes, stage by stage, in
//! the pipeline used before (the `image` crate's full decode, `thumbnail`, encode)
//! and in the one used now (decode at half DCT scale, box and triangle filter,
//! `jpeg-encoder` at 4:2:0; its 4:4:4 figure beside it).
//!
//! `cargo bench -p faceki-image --bench normalise`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

/// The crate's resampler, compiled here too so its stage can be timed alone.
#[allow(dead_code, unreachable_pub, unused_imports)]
#[path = "../src/resize.rs"]
mod resize;

use std::time::Instant;

use faceki_image::{NormalisePolicy, normalise};
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

/// A phone-like photo: smooth light, some texture, sensor noise of ±`noise`, encoded
/// at `quality`, colour subsampled 4:2:0 as phone cameras write it or (`subsampled`
/// false) kept whole, the harder case to decode.
fn phone_photo(noise: u64, quality: u8, subsampled: bool) -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % (2 * noise + 1)) as i32 - noise as i32
    };
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        let base = |v: u32, div: u32| ((v / div) % 200) as i32 + 30;
        let texture = (((x / 7) ^ (y / 5)) % 23) as i32;
        let mut c = |b: i32| (b + texture + noise()).clamp(0, 255) as u8;
        let (r, g) = (c(base(x, 20)), c(base(y, 15)));
        image::Rgb([r, g, c(base(x + y, 30))])
    });
    let out = if subsampled {
        encode_now(&img, quality, jpeg_encoder::SamplingFactor::R_4_2_0)
    } else {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&img)
            .unwrap();
        out
    };
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

/// Median and fastest of `runs` runs of `f`, in milliseconds.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0])
}

/// The `image` crate's encoder (4:4:4), used before.
fn encode_before(rgb: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(rgb)
        .unwrap();
    out
}

/// `jpeg-encoder`, used now, at the given chroma sampling.
fn encode_now(rgb: &RgbImage, quality: u8, sampling: jpeg_encoder::SamplingFactor) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(sampling);
    let (w, h) = (rgb.width() as u16, rgb.height() as u16);
    encoder
        .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// Each stage of the old and the new pipeline, timed alone.
fn breakdown(photo: &[u8]) {
    println!(
        "\n### Where the time goes, {:.1} MB photo (median / fastest of 5 runs)\n",
        photo.len() as f64 / 1e6
    );
    println!("| stage | before: `image` crate | now |\n|---|---:|---:|");
    let full = image::load_from_memory(photo).unwrap().into_rgb8();
    let decode_before = time(5, || image::load_from_memory(photo).unwrap());
    let decode_now = time(5, || {
        let mut decoder = jpeg_decoder::Decoder::new(photo);
        decoder.scale(1920, 1440).unwrap();
        decoder.decode().unwrap()
    });
    let mut decoder = jpeg_decoder::Decoder::new(photo);
    let (w, h) = decoder.scale(1920, 1440).unwrap();
    let half = RgbImage::from_raw(u32::from(w), u32::from(h), decoder.decode().unwrap()).unwrap();
    let resize_before = time(5, || {
        image::DynamicImage::ImageRgb8(full.clone()).thumbnail(1920, 1920)
    });
    let resize_now = time(5, || {
        resize::downscale::<3>(half.as_raw(), half.width(), half.height(), 1920, 1440)
    });
    let from_full = time(5, || {
        resize::downscale::<3>(full.as_raw(), 4000, 3000, 1920, 1440)
    });
    let small = RgbImage::from_raw(
        1920,
        1440,
        resize::downscale::<3>(half.as_raw(), half.width(), half.height(), 1920, 1440),
    )
    .unwrap();
    let encoded = time(5, || encode_before(&small));
    let (full_chroma, half_chroma) = (
        jpeg_encoder::SamplingFactor::R_4_4_4,
        jpeg_encoder::SamplingFactor::R_4_2_0,
    );
    let encoded_444 = time(5, || encode_now(&small, 90, full_chroma));
    let encoded_420 = time(5, || encode_now(&small, 90, half_chroma));
    let sizes = (
        encode_before(&small).len(),
        encode_now(&small, 90, full_chroma).len(),
        encode_now(&small, 90, half_chroma).len(),
    );
    let scan = time(5, || photo.windows(2).any(|w| w == [0xFF, 0xD9]));
    let scan_now = time(5, || photo.windows(2).rev().any(|w| w == [0xFF, 0xD9]));
    let cell = |(m, f): (f64, f64)| format!("{m:.0} / {f:.0} ms");
    println!(
        "| find the end-of-image marker | {} | {:.2} ms (from the end) |",
        cell(scan),
        scan_now.0
    );
    println!(
        "| decode | {} (full, 4000×3000) | {} (DCT at 1/2: {w}×{h}) |",
        cell(decode_before),
        cell(decode_now)
    );
    println!(
        "| downscale to 1920×1440 | {} (`thumbnail`) | {} (box 2×2 + triangle; {} from the full size) |",
        cell(resize_before),
        cell(resize_now),
        cell(from_full)
    );
    println!(
        "| encode JPEG q90 | {} (4:4:4, {} bytes) | {} (`jpeg-encoder`, 4:2:0, {} bytes; 4:4:4: {}, {} bytes) |",
        cell(encoded),
        sizes.0,
        cell(encoded_420),
        sizes.2,
        cell(encoded_444),
        sizes.1
    );
    let before = scan.0 + decode_before.0 + resize_before.0 + encoded.0;
    let now = scan_now.0 + decode_now.0 + resize_now.0 + encoded_420.0;
    println!("| sum of the medians | {before:.0} ms | {now:.0} ms |");
    // The two pipelines' outputs, compared: the new one must not lose detail.
    let old = image::DynamicImage::ImageRgb8(full)
        .thumbnail(1920, 1920)
        .into_rgb8();
    let diff: u64 = old
        .as_raw()
        .iter()
        .zip(small.as_raw())
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    println!(
        "\nMean absolute difference between the two pipelines' 1920×1440 pixels: {:.2} of 255.",
        diff as f64 / small.as_raw().len() as f64
    );
}

/// Normalises `photo` 7 times and prints the figures.
fn report(label: &str, photo: &[u8]) {
    let before_peak = peak_mib();
    let policy = NormalisePolicy::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let started = Instant::now();
        let out = normalise(photo, &policy).unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    let out = last.unwrap();
    let saved_ms = (photo.len() - out.bytes.len()) as f64 * 8.0 / 20e6 * 1000.0;
    println!("## Normalising a 12-megapixel phone-like JPEG, {label} (one thread, 7 runs)\n");
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

fn main() {
    // The example: a 5 MB phone photo.
    let photo = phone_photo(9, 95, true);
    report("5 MB: 4:2:0 as phones write, noise ±9, quality 95", &photo);
    println!();
    let harder = phone_photo(8, 95, false);
    report(
        "7.7 MB, harder to decode: colour kept whole (4:4:4), noise ±8, quality 95",
        &harder,
    );
    println!();
    report(
        "2.4 MB, a smaller phone file: 4:2:0, noise ±6, quality 92",
        &phone_photo(6, 92, true),
    );
    breakdown(&photo);
    breakdown(&harder);
}
