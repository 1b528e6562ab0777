//! The pre-flight test set: the fixtures (crops of the 1927 Solvay photograph, see
//! `tests/fixtures/README.md`) turned into phone-like selfies, their derived
//! variants (dark, overexposed, blurred, turned with an EXIF orientation, tagged
//! with GPS, too close, tiny, too small), and synthetic document photos, each with
//! what it is known to show (the truth the checks are scored against).
//!
//! Shared by the tests (`tests/check.rs`) and the calibration table
//! (`examples/calibrate.rs`, which includes this file by path).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    unreachable_pub,
    missing_docs
)]

use std::path::Path;

use faceki_image::{FindingKind, Role};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{GrayImage, Luma, RgbImage};

/// Longest side of the selfies made from the crops: a phone photo as Faceki's
/// capture SDKs send it.
pub const SELFIE_SIDE: u32 = 1920;

/// One image of the test set.
pub struct Case {
    /// Fixture and variant, e.g. `one-face-3/dark`.
    pub name: String,
    pub role: Role,
    /// The encoded image (JPEG, as a phone sends it).
    pub bytes: Vec<u8>,
    /// What the image is known to show, by construction.
    pub truth: Vec<FindingKind>,
}

/// A crop from `tests/fixtures/`, as stored (8-bit grey).
pub fn fixture(name: &str) -> GrayImage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.png"));
    image::open(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_luma8()
}

/// `grey` enlarged (Catmull-Rom) so its longest side is `side`.
pub fn enlarge(grey: &GrayImage, side: u32) -> GrayImage {
    let scale = side as f32 / grey.width().max(grey.height()) as f32;
    let w = (grey.width() as f32 * scale).round() as u32;
    let h = (grey.height() as f32 * scale).round() as u32;
    image::imageops::resize(grey, w, h, FilterType::CatmullRom)
}

/// Grey pixels as an RGB JPEG of quality `q`.
pub fn jpeg_of(grey: &GrayImage, q: u8) -> Vec<u8> {
    let rgb = RgbImage::from_fn(grey.width(), grey.height(), |x, y| {
        let l = grey.get_pixel(x, y).0[0];
        image::Rgb([l, l, l])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, q)
        .encode_image(&rgb)
        .unwrap();
    out
}

/// Each pixel mapped by `f`.
pub fn map(grey: &GrayImage, f: impl Fn(f32) -> f32) -> GrayImage {
    GrayImage::from_fn(grey.width(), grey.height(), |x, y| {
        Luma([f(f32::from(grey.get_pixel(x, y).0[0]))
            .round()
            .clamp(0.0, 255.0) as u8])
    })
}

/// A dim room: a third of the light.
pub fn darken(grey: &GrayImage) -> GrayImage {
    map(grey, |v| v * 0.3)
}

/// Overexposed (a flash, the sun on the face): gain 1.6 and an offset, everything
/// above mid-grey clipped to white.
pub fn overexpose(grey: &GrayImage) -> GrayImage {
    map(grey, |v| v * 1.6 + 60.0)
}

/// Out of focus: a Gaussian blur of `share` of the image's width (in the crop's own
/// pixels, before enlarging, which scales it up with the picture).
pub fn blur(grey: &GrayImage, share: f32) -> GrayImage {
    image::imageops::blur(grey, share * grey.width() as f32)
}

/// The middle `share` of the width (and the matching height, 3:4), centred on the
/// point (`cx`, `cy`) given in shares of the crop.
pub fn tighten(grey: &GrayImage, share: f32, cx: f32, cy: f32) -> GrayImage {
    let w = (grey.width() as f32 * share).round() as u32;
    let h = ((w as f32) * 4.0 / 3.0).round().min(grey.height() as f32) as u32;
    let x = ((grey.width() as f32 * cx) - w as f32 / 2.0)
        .round()
        .max(0.0) as u32;
    let y = ((grey.height() as f32 * cy) - h as f32 / 2.0)
        .round()
        .max(0.0) as u32;
    image::imageops::crop_imm(
        grey,
        x.min(grey.width() - w),
        y.min(grey.height() - h),
        w,
        h,
    )
    .to_image()
}

/// `face` shrunk to `scale` of its size and pasted into the middle of `background`
/// enlarged to a `SELFIE_SIDE` portrait: a person far from the camera.
pub fn far_away(face: &GrayImage, background: &GrayImage, scale: f32) -> GrayImage {
    let mut canvas = image::imageops::resize(
        background,
        SELFIE_SIDE * 3 / 4,
        SELFIE_SIDE,
        FilterType::CatmullRom,
    );
    let big = enlarge(face, SELFIE_SIDE);
    let w = (big.width() as f32 * scale) as u32;
    let h = (big.height() as f32 * scale) as u32;
    let small = image::imageops::resize(&big, w, h, FilterType::Triangle);
    let x = (canvas.width() - w) / 2;
    let y = (canvas.height() - h) / 3;
    image::imageops::replace(&mut canvas, &small, i64::from(x), i64::from(y));
    canvas
}

/// An EXIF APP1 segment: orientation, and GPS coordinates (a GPS IFD with latitude
/// and longitude) when `gps` is set.
pub fn exif_segment(orientation: u16, gps: bool) -> Vec<u8> {
    // TIFF, little endian. IFD0 at 8: Orientation, then GPSInfo when asked.
    let entries: u16 = if gps { 2 } else { 1 };
    let ifd0_len = 2 + 12 * u32::from(entries) + 4;
    let gps_at = 8 + ifd0_len;
    let mut t = b"II*\x00\x08\x00\x00\x00".to_vec();
    t.extend_from_slice(&entries.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    if gps {
        entry(&mut t, 0x8825, 4, 1, gps_at);
    }
    t.extend_from_slice(&0u32.to_le_bytes());
    if gps {
        // GPS IFD: 4 entries, then the two rational triples.
        let data_at = gps_at + 2 + 4 * 12 + 4;
        t.extend_from_slice(&4u16.to_le_bytes());
        entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
        entry(&mut t, 0x0002, 5, 3, data_at);
        entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
        entry(&mut t, 0x0004, 5, 3, data_at + 24);
        t.extend_from_slice(&0u32.to_le_bytes());
        for (deg, min, sec) in [(48u32, 51u32, 2388u32), (2, 21, 768)] {
            for (num, den) in [(deg, 1u32), (min, 1), (sec, 100)] {
                t.extend_from_slice(&num.to_le_bytes());
                t.extend_from_slice(&den.to_le_bytes());
            }
        }
    }
    let mut payload = b"Exif\x00\x00".to_vec();
    payload.extend_from_slice(&t);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// The GPS latitude's rational triple as stored: its presence shows GPS data.
pub const GPS_LATITUDE: [u8; 8] = [48, 0, 0, 0, 1, 0, 0, 0];

/// `jpeg` with `segment` right after its SOI marker.
pub fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    [&jpeg[..2], segment, &jpeg[2..]].concat()
}

/// The pixels as a camera held sideways stores them for EXIF orientation 6 (the
/// viewer turns them 90° clockwise to show the picture).
pub fn stored_for_orientation_6(grey: &GrayImage) -> GrayImage {
    image::imageops::rotate270(grey)
}

/// A synthetic identity card photographed on a desk: a light card with a header
/// band, a portrait (from `portrait`), lines of glyph-like marks and a machine
/// readable zone, on a darker textured background; 1600×1200.
pub fn document(portrait: &GrayImage) -> GrayImage {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (w, h) = (1600u32, 1200u32);
    let mut noise: Vec<u8> = (0..w * h).map(|_| (rand() % 13) as u8).collect();
    let mut page = GrayImage::from_fn(w, h, |x, y| {
        let n = noise[(y * w + x) as usize];
        Luma([60 + n + ((x + y) / 80 % 3) as u8])
    });
    noise.clear();
    let (cx, cy, cw, ch) = (150u32, 180u32, 1300u32, 840u32);
    for y in cy..cy + ch {
        for x in cx..cx + cw {
            let shade = 228 - ((x - cx) / 130) as u8;
            let band = y < cy + 110;
            page.put_pixel(x, y, Luma([if band { 150 } else { shade }]));
        }
    }
    let photo = image::imageops::resize(portrait, 300, 400, FilterType::CatmullRom);
    image::imageops::replace(&mut page, &photo, i64::from(cx + 50), i64::from(cy + 170));
    let mark = |page: &mut GrayImage, x0: u32, y0: u32, mw: u32, mh: u32, v: u8| {
        for y in y0..(y0 + mh).min(h) {
            for x in x0..(x0 + mw).min(w) {
                page.put_pixel(x, y, Luma([v]));
            }
        }
    };
    // Header text, white on the band.
    let mut x = cx + 60;
    while x < cx + 900 {
        let gw = 14 + (rand() % 20) as u32;
        mark(&mut page, x, cy + 35, gw, 40, 245);
        x += gw + 9 + if rand() % 6 == 0 { 25 } else { 0 };
    }
    // Field lines: a small label, then a value in larger marks.
    for line in 0..7u32 {
        let y = cy + 180 + line * 80;
        let mut x = cx + 400;
        let end = cx + 700 + (rand() % 500) as u32;
        while x < end {
            let gw = 6 + (rand() % 14) as u32;
            let big = x > cx + 520;
            let (gh, top) = if big { (30, y + 14) } else { (14, y) };
            mark(&mut page, x, top, gw, gh, 35);
            // Stroke-like gaps inside the glyphs.
            if gw > 10 {
                mark(&mut page, x + gw / 2 - 1, top + 4, 3, gh - 8, 210);
            }
            x += gw + 5 + if rand() % 5 == 0 { 18 } else { 0 };
        }
    }
    // Machine readable zone: two rows of monospaced marks.
    for row in 0..2u32 {
        let y = cy + ch - 140 + row * 55;
        for i in 0..44u32 {
            let x = cx + 50 + i * 27;
            let tall = 26 + (rand() % 8) as u32;
            mark(&mut page, x, y, 16, tall, 30);
            mark(&mut page, x + 6, y + 6, 4, tall - 12, 215);
        }
    }
    page
}

/// What each kind of fixture shows.
const ONE_FACE: [&str; 8] = [
    "one-face-1",
    "one-face-2",
    "one-face-3",
    "one-face-4",
    "one-face-5",
    "one-face-6",
    "one-face-7",
    "one-face-8",
];

/// The blur of the "blurred" variants: a Gaussian of 1.5% of the picture's width
/// (about 3.5% of the face's), clearly out of focus at any viewing size.
pub const BLUR: f32 = 0.015;

/// The crop of `grey` from `top` (a share of its height) to its bottom edge.
pub fn from_top(grey: &GrayImage, top: f32) -> GrayImage {
    let y = (grey.height() as f32 * top).round() as u32;
    image::imageops::crop_imm(grey, 0, y, grey.width(), grey.height() - y).to_image()
}

fn case(name: impl Into<String>, role: Role, bytes: Vec<u8>, truth: &[FindingKind]) -> Case {
    Case {
        name: name.into(),
        role,
        bytes,
        truth: truth.to_vec(),
    }
}

/// The whole test set, made on as many threads as there are cores (enlarging and
/// encoding a hundred 1920-px selfies takes a while on one).
pub fn cases() -> Vec<Case> {
    // One job per one-face crop, and one for the rest (`None`), in this order.
    let jobs: Vec<Option<&str>> = ONE_FACE.iter().copied().map(Some).chain([None]).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut results = Vec::new();
    for chunk in jobs.chunks(threads) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|job| scope.spawn(move || job.map_or_else(other_cases, one_face_cases)))
                .collect();
            for handle in handles {
                results.extend(handle.join().unwrap());
            }
        });
    }
    results
}

fn selfie(grey: &GrayImage) -> Vec<u8> {
    jpeg_of(&enlarge(grey, SELFIE_SIDE), 90)
}

/// The one-face crop `name` and its variants.
fn one_face_cases(name: &str) -> Vec<Case> {
    use FindingKind::*;
    let mut cases = Vec::new();
    let crop = fixture(name);
    cases.push(case(
        format!("{name}/as-is"),
        Role::Selfie,
        selfie(&crop),
        &[],
    ));
    cases.push(case(
        format!("{name}/dark"),
        Role::Selfie,
        selfie(&darken(&crop)),
        &[TooDark],
    ));
    cases.push(case(
        format!("{name}/overexposed"),
        Role::Selfie,
        selfie(&overexpose(&crop)),
        &[Overexposed],
    ));
    cases.push(case(
        format!("{name}/blurred"),
        Role::Selfie,
        selfie(&blur(&crop, BLUR)),
        &[Blurred],
    ));
    let turned = jpeg_of(&stored_for_orientation_6(&enlarge(&crop, SELFIE_SIDE)), 90);
    cases.push(case(
        format!("{name}/exif-rotated"),
        Role::Selfie,
        with_segment(&turned, &exif_segment(6, false)),
        &[],
    ));
    cases.push(case(
        format!("{name}/gps-tagged"),
        Role::Selfie,
        with_segment(&selfie(&crop), &exif_segment(1, true)),
        &[],
    ));
    cases.push(case(
        format!("{name}/too-close"),
        Role::Selfie,
        selfie(&tighten(&crop, 0.55, 0.5, 0.45)),
        &[FaceTooClose],
    ));
    // The faces of the one-face crops span 28–72% of their width and 23–26% to
    // 55–60% of their height (the boxes rustface's demo drew). Cropped from 21%
    // of the height, the face's box is 2–5% of the height (4–14% of its width)
    // from the top edge; from 31%, its top fifth (brows, forehead) is cut off.
    // (From the top, the width stays: the face's share of it does not change.)
    cases.push(case(
        format!("{name}/near-border"),
        Role::Selfie,
        selfie(&from_top(&crop, 0.21)),
        &[FaceNearBorder],
    ));
    cases.push(case(
        format!("{name}/cut"),
        Role::Selfie,
        selfie(&from_top(&crop, 0.31)),
        &[FaceCropped],
    ));
    cases.push(case(
        format!("{name}/far-away"),
        Role::Selfie,
        jpeg_of(&far_away(&crop, &fixture("no-face-pavement"), 0.3), 90),
        &[FaceTooSmall],
    ));
    cases.push(case(
        format!("{name}/small-image"),
        Role::Selfie,
        jpeg_of(&enlarge(&crop, 400), 90),
        &[ImageTooSmall],
    ));
    cases
}

/// The group, no-face, border and document cases.
fn other_cases() -> Vec<Case> {
    use FindingKind::*;
    let mut cases = Vec::new();
    for name in ["two-faces-1", "two-faces-2", "two-faces-3", "three-faces"] {
        cases.push(case(
            name,
            Role::Selfie,
            selfie(&fixture(name)),
            &[MultipleFaces],
        ));
    }
    for name in ["no-face-suits", "no-face-pavement"] {
        cases.push(case(name, Role::Selfie, selfie(&fixture(name)), &[NoFace]));
    }
    cases.push(case(
        "synthetic/noise",
        Role::Selfie,
        jpeg_of(&noise(1440, 1920), 90),
        &[NoFace],
    ));
    cases.push(case(
        "synthetic/flat",
        Role::Selfie,
        jpeg_of(&GrayImage::from_pixel(1440, 1920, Luma([128])), 90),
        &[NoFace],
    ));
    for name in ["border-near-1", "border-near-2"] {
        cases.push(case(
            name,
            Role::Selfie,
            selfie(&fixture(name)),
            &[FaceNearBorder],
        ));
    }
    cases.push(case(
        "border-cut",
        Role::Selfie,
        selfie(&fixture("border-cut")),
        &[FaceCropped],
    ));
    // Documents: a synthetic card (with each one-face crop as its portrait), and the
    // photograph's printed caption.
    for name in ["one-face-1", "one-face-4"] {
        let card = document(&fixture(name));
        let doc = format!("document-{name}");
        cases.push(case(
            format!("{doc}/as-is"),
            Role::Document,
            jpeg_of(&card, 90),
            &[],
        ));
        cases.push(case(
            format!("{doc}/dark"),
            Role::Document,
            jpeg_of(&darken(&card), 90),
            &[TooDark],
        ));
        cases.push(case(
            format!("{doc}/overexposed"),
            Role::Document,
            jpeg_of(&overexpose(&card), 90),
            &[Overexposed],
        ));
        cases.push(case(
            format!("{doc}/blurred"),
            Role::Document,
            jpeg_of(
                &image::imageops::blur(&card, 0.005 * card.width() as f32),
                90,
            ),
            &[Blurred],
        ));
        cases.push(case(
            format!("{doc}/small-image"),
            Role::Document,
            jpeg_of(&enlarge(&card, 400), 90),
            &[ImageTooSmall],
        ));
    }
    let caption = enlarge(&fixture("caption"), 1600);
    cases.push(case(
        "caption/as-is",
        Role::Document,
        jpeg_of(&caption, 90),
        &[],
    ));
    cases.push(case(
        "caption/blurred",
        Role::Document,
        jpeg_of(
            &image::imageops::blur(&caption, 0.005 * caption.width() as f32),
            90,
        ),
        &[Blurred],
    ));
    cases
}

/// Sensor-like noise around mid-grey.
pub fn noise(w: u32, h: u32) -> GrayImage {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    GrayImage::from_fn(w, h, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        Luma([(96 + seed % 64) as u8])
    })
}
