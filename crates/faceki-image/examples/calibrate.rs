//! Runs the checks over the test set (the fixtures and their derived variants, see
//! `tests/common/mod.rs`) and prints, in Markdown, each case's findings and figures,
//! then each check's hit rate and false-alarm rate, as `docs/preflight.md` reports
//! them.
//!
//! `cargo run --release -p faceki-image --example calibrate`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use faceki_image::{CheckPolicy, FindingKind, Report, check};

/// The checks, in the order of the table.
const KINDS: [FindingKind; 10] = [
    FindingKind::ImageTooSmall,
    FindingKind::NoFace,
    FindingKind::MultipleFaces,
    FindingKind::FaceTooSmall,
    FindingKind::FaceTooClose,
    FindingKind::FaceNearBorder,
    FindingKind::FaceCropped,
    FindingKind::TooDark,
    FindingKind::Overexposed,
    FindingKind::Blurred,
];

fn main() {
    let policy = CheckPolicy::default();
    let cases = common::cases();
    let mut results: Vec<(common::Case, Report)> = Vec::new();
    let started = Instant::now();
    for case in cases {
        let report = check(&case.bytes, case.role, &policy).unwrap();
        results.push((case, report));
    }
    let elapsed = started.elapsed();
    println!(
        "## Cases ({} images, checked in {:.1} s)\n",
        results.len(),
        elapsed.as_secs_f64()
    );
    println!(
        "| case | truth | found | faces (size/shorter side, score) | brightness | clipped | sharpness |"
    );
    println!("|---|---|---|---|---:|---:|---:|");
    for (case, report) in &results {
        let kinds: Vec<FindingKind> = report.findings.iter().map(|f| f.kind).collect();
        let shorter = report.dimensions.width.min(report.dimensions.height) as f32;
        let (w, h) = (
            report.dimensions.width as f32,
            report.dimensions.height as f32,
        );
        let faces: Vec<String> = report
            .faces
            .iter()
            .map(|f| {
                let (l, t, s) = (f.left as f32, f.top as f32, f.width as f32);
                let gap = l.min(t).min(w - l - s).min(h - t - s) / s;
                format!("{:.2}/{:.1}/gap {:.2}", s / shorter, f.score, gap)
            })
            .collect();
        let m = report.measurements;
        let ok = if kinds == case.truth { "" } else { " ✗" };
        println!(
            "| {}{ok} | {:?} | {:?} | {} | {:.0} | {:.2} | {} |",
            case.name,
            case.truth,
            kinds,
            faces.join(" "),
            m.brightness,
            m.clipped_share,
            m.sharpness.map_or("–".to_owned(), |s| format!("{s:.3}"))
        );
    }
    println!("\n## Rates per check\n");
    println!(
        "| check | positives | hits | hit rate | negatives | false alarms | false-alarm rate |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for kind in KINDS {
        let applicable = |case: &common::Case| match kind {
            FindingKind::ImageTooSmall
            | FindingKind::TooDark
            | FindingKind::Overexposed
            | FindingKind::Blurred => true,
            _ => case.role == faceki_image::Role::Selfie,
        };
        let (mut pos, mut hits, mut neg, mut alarms) = (0, 0, 0, 0);
        for (case, report) in results.iter().filter(|(c, _)| applicable(c)) {
            let flagged = report.has(kind);
            if case.truth.contains(&kind) {
                pos += 1;
                hits += usize::from(flagged);
            } else {
                neg += 1;
                alarms += usize::from(flagged);
            }
        }
        let rate = |n: usize, d: usize| {
            if d == 0 {
                "–".to_owned()
            } else {
                format!("{:.0}%", 100.0 * n as f64 / d as f64)
            }
        };
        println!(
            "| {kind:?} | {pos} | {hits} | {} | {neg} | {alarms} | {} |",
            rate(hits, pos),
            rate(alarms, neg)
        );
    }
    let exact = results
        .iter()
        .filter(|(c, r)| r.findings.iter().map(|f| f.kind).collect::<Vec<_>>() == c.truth)
        .count();
    println!(
        "\n{exact} of {} cases get exactly their known findings.",
        results.len()
    );
    margins(&results, &policy);
    blur_sensitivity(&policy);
}

/// The figure each threshold is compared with, over the cases that show the problem
/// and over the others: how far apart they are is the margin the threshold has.
fn margins(results: &[(common::Case, Report)], policy: &CheckPolicy) {
    use faceki_image::Role;
    type Figure = fn(&Report) -> Option<f32>;
    let ratio: Figure = |r| {
        let shorter = r.dimensions.width.min(r.dimensions.height) as f32;
        r.faces.first().map(|f| f.width as f32 / shorter)
    };
    let gap: Figure = |r| {
        let (w, h) = (r.dimensions.width as f32, r.dimensions.height as f32);
        r.faces.first().map(|f| {
            let (l, t, s) = (f.left as f32, f.top as f32, f.width as f32);
            l.min(t).min(w - l - s).min(h - t - s) / s
        })
    };
    let brightness: Figure = |r| {
        (r.role == Role::Document || r.measurements.on_face).then_some(r.measurements.brightness)
    };
    let clipped: Figure = |r| {
        (r.role == Role::Document || r.measurements.on_face).then_some(r.measurements.clipped_share)
    };
    let sharp: Figure = |r| r.measurements.sharpness;
    let rows: [(&str, FindingKind, Figure, Option<Role>, String); 8] = [
        (
            "face width / shorter side",
            FindingKind::FaceTooSmall,
            ratio,
            Some(Role::Selfie),
            format!("< {}", policy.min_face_ratio),
        ),
        (
            "face width / shorter side",
            FindingKind::FaceTooClose,
            ratio,
            Some(Role::Selfie),
            format!("> {}", policy.max_face_ratio),
        ),
        (
            "gap to the nearest edge / face width",
            FindingKind::FaceNearBorder,
            gap,
            Some(Role::Selfie),
            format!("0.02 to {}", policy.border_margin),
        ),
        (
            "gap to the nearest edge / face width",
            FindingKind::FaceCropped,
            gap,
            Some(Role::Selfie),
            "< 0.02".to_owned(),
        ),
        (
            "mean luma",
            FindingKind::TooDark,
            brightness,
            None,
            format!("< {}", policy.min_brightness),
        ),
        (
            "share clipped to white",
            FindingKind::Overexposed,
            clipped,
            None,
            format!("> {}", policy.max_clipped),
        ),
        (
            "sharpness (face)",
            FindingKind::Blurred,
            sharp,
            Some(Role::Selfie),
            format!("< {}", policy.min_face_sharpness),
        ),
        (
            "sharpness (document)",
            FindingKind::Blurred,
            sharp,
            Some(Role::Document),
            format!("< {}", policy.min_document_sharpness),
        ),
    ];
    println!("\n## Margins: the figure behind each check\n");
    println!("| check | figure | threshold | cases that show it: range | other cases: range |");
    println!("|---|---|---|---|---|");
    for (name, kind, figure, role, threshold) in rows {
        let (mut pos, mut neg) = (Vec::new(), Vec::new());
        for (case, report) in results {
            if role.is_some_and(|r| r != case.role) {
                continue;
            }
            // Cases with other problems of the same figure are left out of "others"
            // (a too-close face is no negative for too-small's figure, a cut or a
            // too-close one none for the border's: a face filling the frame is near
            // its edges, and that finding gives way to "too close").
            let related = match kind {
                FindingKind::FaceTooSmall | FindingKind::FaceTooClose => [
                    FindingKind::FaceTooSmall,
                    FindingKind::FaceTooClose,
                    FindingKind::FaceTooClose,
                ],
                FindingKind::FaceNearBorder | FindingKind::FaceCropped => [
                    FindingKind::FaceNearBorder,
                    FindingKind::FaceCropped,
                    FindingKind::FaceTooClose,
                ],
                other => [other, other, other],
            };
            let geometry = matches!(
                kind,
                FindingKind::FaceTooSmall
                    | FindingKind::FaceTooClose
                    | FindingKind::FaceNearBorder
                    | FindingKind::FaceCropped
            );
            if geometry && case.truth.contains(&FindingKind::MultipleFaces) {
                // With several faces, the geometry is not judged.
                continue;
            }
            if let Some(value) = figure(report) {
                if case.truth.contains(&kind) {
                    pos.push(value);
                } else if !case.truth.iter().any(|t| related.contains(t)) {
                    neg.push(value);
                }
            }
        }
        let range = |v: &mut Vec<f32>| {
            v.sort_by(f32::total_cmp);
            match (v.first(), v.last()) {
                (Some(a), Some(b)) => format!("{a:.3} – {b:.3} ({})", v.len()),
                _ => "–".to_owned(),
            }
        };
        println!(
            "| {kind:?} | {name} | {threshold} | {} | {} |",
            range(&mut pos),
            range(&mut neg)
        );
    }
}

/// How much blur the face check notices: the eight one-face selfies blurred by a
/// Gaussian of a growing share of the picture's width.
fn blur_sensitivity(policy: &CheckPolicy) {
    println!("\n## Blur sensitivity (8 one-face selfies)\n");
    println!(
        "| Gaussian σ (share of width) | flagged Blurred | no face found | sharpness (median) |"
    );
    println!("|---|---:|---:|---:|");
    for share in [0.0, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03] {
        let (mut blurred, mut lost, mut values) = (0, 0, Vec::new());
        for i in 1..=8 {
            let crop = common::fixture(&format!("one-face-{i}"));
            let crop = if share > 0.0 {
                common::blur(&crop, share)
            } else {
                crop
            };
            let bytes = common::jpeg_of(&common::enlarge(&crop, common::SELFIE_SIDE), 90);
            let report = check(&bytes, faceki_image::Role::Selfie, policy).unwrap();
            blurred += usize::from(report.has(FindingKind::Blurred));
            lost += usize::from(report.has(FindingKind::NoFace));
            values.extend(report.measurements.sharpness);
        }
        values.sort_by(f32::total_cmp);
        let median = values
            .get(values.len() / 2)
            .map_or("–".to_owned(), |v| format!("{v:.3}"));
        println!("| {:.2}% | {blurred} | {lost} | {median} |", share * 100.0);
    }
}
