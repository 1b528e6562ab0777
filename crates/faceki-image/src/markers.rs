//! A JPEG's segment markers, read without decoding: enough to tell whether the file
//! carries any metadata (EXIF, XMP, ICC, comments) besides the JFIF header.

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
    scan_start(jpeg, false)
        .and_then(|at| jpeg.get(at..))
        .is_some_and(|data| data.windows(2).any(|w| w == [0xFF, 0xD9]))
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
}
