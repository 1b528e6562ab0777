//! The pre-flight checks' cost on one core: a full check of a 1920-px selfie (decode,
//! grey copy, face detection, light, sharpness), the same as a document, `prepare`
//! (normalise and check, one decode), a 12-megapixel selfie, the parts of a check,
//! and what the detection scale costs.
//!
//! `cargo bench -p faceki-image --bench check`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use faceki_image::{CheckPolicy, NormalisePolicy, Role, check, prepare};

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

fn row(what: &str, (median, fastest): (f64, f64)) {
    println!("| {what} | {median:.1} ms | {fastest:.1} ms |");
}

fn main() {
    let grey = common::enlarge(&common::fixture("one-face-1"), common::SELFIE_SIDE);
    let selfie = common::jpeg_of(&grey, 90);
    let big = common::jpeg_of(&common::enlarge(&common::fixture("one-face-1"), 4000), 92);
    let policy = CheckPolicy::default();
    let normalise = NormalisePolicy::default();
    // Warm up: the model is parsed once per process.
    let report = check(&selfie, Role::Selfie, &policy).unwrap();
    assert!(report.is_clear(), "{:?}", report.findings);

    println!("## Pre-flight checks (one thread, median and fastest of 15 runs)\n");
    println!(
        "Selfie: {}×{} JPEG, {} bytes; phone photo: 3000×4000 (enlarged), {} bytes.\n",
        grey.width(),
        grey.height(),
        selfie.len(),
        big.len()
    );
    println!("| what | median | fastest |\n|---|---:|---:|");
    row(
        "check, 1920-px selfie (all checks)",
        time(15, || check(&selfie, Role::Selfie, &policy)),
    );
    row(
        "check, 1920-px image as a document",
        time(15, || check(&selfie, Role::Document, &policy)),
    );
    row(
        "prepare, 1920-px selfie (clean JPEG: passed through)",
        time(15, || prepare(&selfie, Role::Selfie, &normalise, &policy)),
    );
    let tagged = common::with_segment(&selfie, &common::exif_segment(1, true));
    row(
        "prepare, 1920-px selfie with EXIF (re-encoded)",
        time(15, || prepare(&tagged, Role::Selfie, &normalise, &policy)),
    );
    row(
        "check, 12-megapixel selfie",
        time(7, || check(&big, Role::Selfie, &policy)),
    );
    row(
        "prepare, 12-megapixel selfie",
        time(7, || prepare(&big, Role::Selfie, &normalise, &policy)),
    );

    println!("\n### Parts of a 1920-px selfie check\n");
    println!("| part | median | fastest |\n|---|---:|---:|");
    row(
        "decode the JPEG (image crate)",
        time(15, || image::load_from_memory(&selfie).unwrap()),
    );
    let model =
        rustface::read_model(&include_bytes!("../model/seeta_fd_frontal_v1.0.bin")[..]).unwrap();
    row(
        "parse the model (once per process)",
        time(5, || {
            rustface::read_model(&include_bytes!("../model/seeta_fd_frontal_v1.0.bin")[..]).unwrap()
        }),
    );
    row(
        "clone the model into a detector (each call)",
        time(15, || rustface::create_detector_with_model(model.clone())),
    );
    let small = image::imageops::resize(&grey, 360, 480, image::imageops::FilterType::Triangle);
    row(
        "detect faces at 360×480",
        time(15, || {
            let mut detector = rustface::create_detector_with_model(model.clone());
            detector.set_score_thresh(2.0);
            detector.set_pyramid_scale_factor(0.8);
            detector.set_slide_window_step(4, 4);
            detector.detect(&rustface::ImageData::new(small.as_raw(), 360, 480))
        }),
    );

    println!("\n### Detection scale (`CheckPolicy::detect_side`)\n");
    println!(
        "| detect_side | smallest face found (share of the longest side) | check, median | fastest |"
    );
    println!("|---:|---:|---:|---:|");
    for side in [320, 400, 480, 560, 640] {
        let policy = CheckPolicy::default().with_detect_side(side);
        let (median, fastest) = time(9, || check(&selfie, Role::Selfie, &policy));
        println!(
            "| {side} | {:.1}% | {median:.1} ms | {fastest:.1} ms |",
            4000.0 / side as f64
        );
    }
}
