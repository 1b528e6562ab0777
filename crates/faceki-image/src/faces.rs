//! The face checks of a selfie: how many faces, how large in the frame, how close to
//! its edges. They work on the detector's boxes, in shares of the frame, so the
//! scale the detector ran at does not matter.

use crate::detect::Found;
use crate::policy::CheckPolicy;
use crate::report::{Finding, FindingKind, Role};

/// A box within this share of its width of an edge touches it: the face is cut (the
/// detector pulls the box of a cut face back inside the frame, to the edge).
const CUT: f32 = 0.02;

/// `found` ordered with the person's face first (the largest clear one), then the
/// others largest first, and the findings about them in a `width`×`height` frame.
pub(crate) fn judge(
    mut found: Vec<Found>,
    width: u32,
    height: u32,
    policy: &CheckPolicy,
) -> (Vec<Found>, Vec<Finding>) {
    found.sort_by(|a, b| b.size.total_cmp(&a.size).then(b.score.total_cmp(&a.score)));
    let confident = |f: &&Found| f.score >= policy.clear_face_score;
    // The person is the largest clear face; a faint detection (more often a texture
    // than a face) is the person only when there is no clear one.
    let main = found
        .iter()
        .find(confident)
        .or_else(|| found.iter().max_by(|a, b| a.score.total_cmp(&b.score)));
    let mut findings = Vec::new();
    let Some(main) = main.copied() else {
        findings.push(finding(
            FindingKind::NoFace,
            "No face was found in the selfie: face the camera, the whole face visible.".to_owned(),
        ));
        return (found, findings);
    };
    // The person first, then the others, largest first.
    if let Some(at) = found.iter().position(|f| *f == main) {
        let person = found.remove(at);
        found.insert(0, person);
    }
    let others = found
        .iter()
        .skip(1)
        .filter(confident)
        .filter(|f| f.size >= policy.other_face_ratio * main.size)
        .count();
    if others > 0 {
        findings.push(finding(
            FindingKind::MultipleFaces,
            format!(
                "{} faces were found in the selfie: only the person being verified should be in it.",
                others + 1
            ),
        ));
        // Which face is the person's is not known: judging one's size or place would
        // be a guess.
        return (found, findings);
    }
    let (w, h) = (width as f32, height as f32);
    let ratio = main.size / w.min(h).max(1.0);
    let percent = |share: f32| (share * 100.0).round();
    if ratio < policy.min_face_ratio {
        findings.push(finding(
            FindingKind::FaceTooSmall,
            format!(
                "The face spans {}% of the picture's shorter side (at least {}% expected): come closer to the camera.",
                percent(ratio),
                percent(policy.min_face_ratio)
            ),
        ));
    } else if ratio > policy.max_face_ratio {
        findings.push(finding(
            FindingKind::FaceTooClose,
            format!(
                "The face spans {}% of the picture's shorter side (at most {}% expected): hold the camera further away.",
                percent(ratio),
                percent(policy.max_face_ratio)
            ),
        ));
    }
    let too_close = ratio > policy.max_face_ratio;
    let gaps = [
        ("left", main.x),
        ("top", main.y),
        ("right", w - (main.x + main.size)),
        ("bottom", h - (main.y + main.size)),
    ];
    if let Some((edge, gap)) = gaps.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1)) {
        if gap < CUT * main.size {
            findings.push(finding(
                FindingKind::FaceCropped,
                format!("The face is cut off by the picture's {edge} edge: the whole face must be in the frame."),
            ));
        } else if gap < policy.border_margin * main.size && !too_close {
            // A face filling the frame is near its edges: "further away" says it.
            findings.push(finding(
                FindingKind::FaceNearBorder,
                format!(
                    "The face is {}% of its width from the picture's {edge} edge (at least {}% expected): centre it in the frame.",
                    percent(gap / main.size),
                    percent(policy.border_margin)
                ),
            ));
        }
    }
    (found, findings)
}

fn finding(kind: FindingKind, message: String) -> Finding {
    Finding {
        kind,
        code: kind.code(Role::Selfie),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(x: f32, y: f32, size: f32) -> Found {
        Found {
            x,
            y,
            size,
            score: 10.0,
        }
    }

    fn kinds(found: Vec<Found>) -> Vec<FindingKind> {
        let (_, findings) = judge(found, 300, 400, &CheckPolicy::default());
        findings.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn each_geometry_gets_its_finding() {
        use FindingKind::*;
        assert_eq!(kinds(vec![]), [NoFace]);
        assert_eq!(kinds(vec![face(100.0, 120.0, 100.0)]), []);
        assert_eq!(
            kinds(vec![face(100.0, 120.0, 100.0), face(10.0, 10.0, 40.0)]),
            [MultipleFaces]
        );
        // A face under 30% of the main one's width does not count.
        assert_eq!(
            kinds(vec![face(100.0, 120.0, 100.0), face(10.0, 10.0, 25.0)]),
            []
        );
        assert_eq!(kinds(vec![face(130.0, 150.0, 40.0)]), [FaceTooSmall]);
        assert_eq!(kinds(vec![face(20.0, 60.0, 260.0)]), [FaceTooClose]);
        assert_eq!(kinds(vec![face(5.0, 120.0, 100.0)]), [FaceNearBorder]);
        assert_eq!(kinds(vec![face(150.0, -8.0, 100.0)]), [FaceCropped]);
    }
}
