//! A JPEG's segment markers, read without decoding: enough to tell whether the file
//! carries any metadata (EXIF, XMP, ICC, comments) besides the JFIF header, whether
//! it ends, and what kind of frame it holds.

/// Whether `jpeg` has no metadata segment: only SOI, JFIF (APP0), the tables and
/// frame segments, then the scan. `false` for anything it cannot read.
pub(crate) fn is_clean_jpeg(jpeg: &[u8]) -> bool {
    scan_start(jpeg, true).is_some()
}

/// Whether the JPEG's image data ends with its end-of-image marker. In the entropy
/// coded data a 0xFF byte is always followed by 0x00 or a restart marker, so the
/// first `FF D9` after the scan starts is the end; a file cut short has none (data
/// appended after it, as in motion photos, is allowed).
pub(crate) fn is_complete_jpeg(jpeg: &[u8]) -> bool {
    // Searched from the end, where a whole file has it: a 7 MB photo is not read
    // through.
    scan_start(jpeg, false)
        .and_then(|at| jpeg.get(at..))
        .is_some_and(|data| data.windows(2).rev().any(|w| w == [0xFF, 0xD9]))
}

/// Whether the JPEG's frame is a DCT one (baseline, extended or progressive, Huffman
/// coded) of 8-bit samples with one (grey) or three (colour) components: the frames
/// a reduced-scale decode handles.
pub(crate) fn is_8bit_dct_grey_or_colour(jpeg: &[u8]) -> bool {
    let Some(at) = frame_start(jpeg) else {
        return false;
    };
    // Marker (2), length (2), precision (1), height (2), width (2), components (1).
    matches!(
        (jpeg.get(at + 1), jpeg.get(at + 4), jpeg.get(at + 9)),
        (Some(0xC0..=0xC2), Some(8), Some(1 | 3))
    )
}

/// Where the first start-of-frame segment starts.
fn frame_start(jpeg: &[u8]) -> Option<usize> {
    let end = scan_start(jpeg, false)?;
    let mut at = 2;
    while at < end {
        match (jpeg.get(at), jpeg.get(at + 1)) {
            (Some(0xFF), Some(0xFF)) => at += 1,
            (Some(0xFF), Some(0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF)) => {
                return Some(at);
            }
            (Some(0xFF), Some(_)) => {
                let len = jpeg
                    .get(at + 2..at + 4)
                    .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))?;
                at += 2 + len.max(2);
            }
            _ => return None,
        }
    }
    None
}

/// Where the first scan's segment starts, walking the header segments; with
/// `clean`, `None` as soon as a metadata segment is seen.
fn scan_start(jpeg: &[u8], clean: bool) -> Option<usize> {
    if jpeg.get(..2) != Some(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (jpeg.get(at), jpeg.get(at + 1)) {
        match marker {
            // Start of scan: every header segment has been seen.
            0xDA => return Some(at),
            // Fill bytes.
            0xFF => {
                at += 1;
                continue;
            }
            // APP1..APP15 (EXIF, XMP, ICC, …) and COM: metadata.
            0xE1..=0xEF | 0xFE if clean => return None,
            _ => {}
        }
        let len = jpeg
            .get(at + 2..at + 4)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))?;
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_segments_make_a_jpeg_unclean() {
        let jfif = [0xFF, 0xE0, 0, 4, 0, 0];
        let exif = [0xFF, 0xE1, 0, 4, 0, 0];
        let com = [0xFF, 0xFE, 0, 3, 0];
        let sos = [0xFF, 0xDA, 0, 2];
        let soi = [0xFF, 0xD8];
        let build = |parts: &[&[u8]]| parts.concat();
        assert!(is_clean_jpeg(&build(&[&soi, &jfif, &sos])));
        assert!(!is_clean_jpeg(&build(&[&soi, &jfif, &exif, &sos])));
        assert!(!is_clean_jpeg(&build(&[&soi, &com, &sos])));
        assert!(
            !is_clean_jpeg(&build(&[&soi, &jfif])),
            "no scan: unreadable"
        );
        assert!(!is_clean_jpeg(b"\x89PNG"));
        let eoi = [0xFF, 0xD9];
        assert!(is_complete_jpeg(&build(&[
            &soi,
            &exif,
            &sos,
            &[1, 2, 0xFF, 0],
            &eoi,
            b"trailer"
        ])));
        assert!(!is_complete_jpeg(&build(&[&soi, &jfif, &sos, &[1, 2, 3]])));
    }

    #[test]
    fn frames_are_told_apart() {
        let soi = [0xFF, 0xD8];
        let sos = [0xFF, 0xDA, 0, 2];
        let frame = |marker: u8, precision: u8, components: u8| {
            let mut f = vec![0xFF, marker, 0, 8 + 3 * components, precision, 0, 16, 0, 16];
            f.push(components);
            f.extend(std::iter::repeat_n(0, 3 * usize::from(components)));
            [&soi[..], &f, &sos].concat()
        };
        assert!(is_8bit_dct_grey_or_colour(&frame(0xC0, 8, 3)));
        assert!(is_8bit_dct_grey_or_colour(&frame(0xC2, 8, 1)));
        assert!(!is_8bit_dct_grey_or_colour(&frame(0xC0, 8, 4)), "CMYK");
        assert!(!is_8bit_dct_grey_or_colour(&frame(0xC0, 8, 2)));
        assert!(!is_8bit_dct_grey_or_colour(&frame(0xC1, 12, 3)), "12-bit");
        assert!(!is_8bit_dct_grey_or_colour(&frame(0xC3, 8, 3)), "lossless");
        assert!(
            !is_8bit_dct_grey_or_colour(&frame(0xC9, 8, 3)),
            "arithmetic"
        );
        assert!(!is_8bit_dct_grey_or_colour(&[&soi[..], &sos].concat()));
    }
}
