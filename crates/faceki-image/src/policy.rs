//! [`CheckPolicy`]: the thresholds of the pre-flight checks, each calibrated on the
//! crate's test set (`docs/preflight.md` gives the measured rates).

/// The thresholds of [`check`](crate::check) and [`prepare`](crate::prepare).
///
/// Faceki publishes none of its own limits: these defaults anticipate its answers,
/// they do not reproduce them. Build one with [`CheckPolicy::default`] and the
/// `with_*` setters, which clamp each value to a sane range.
///
/// ```
/// use faceki_image::CheckPolicy;
///
/// let strict = CheckPolicy::default().with_min_face_ratio(0.3).with_min_brightness(80.0);
/// assert_eq!(strict.min_face_ratio, 0.3);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CheckPolicy {
    /// The shorter side of the image (as displayed, before normalising) must be at
    /// least this many pixels; default 480.
    pub min_side: u32,
    /// Face detection runs on a grey copy with this longest side; default 480. The
    /// detector's smallest face is 40 pixels at this size (8% of the longest side at
    /// 480); a larger value finds smaller faces and costs time (about the square).
    pub detect_side: u32,
    /// The detector's score threshold; default 2.0 (`rustface`'s own examples use
    /// 2.0; higher misses more faces, lower finds faces in textures).
    pub min_face_score: f32,
    /// A face narrower than this share of the image's shorter side is too small
    /// (FACE_TOO_SMALL); default 0.2.
    pub min_face_ratio: f32,
    /// A face wider than this share of the image's shorter side is too close
    /// (FACE_TOO_CLOSED); default 0.62.
    pub max_face_ratio: f32,
    /// A face whose box (brows to chin) comes closer to an edge than this share of
    /// its own width is close to the border (FACE_CLOSED_TO_BORDER); default 0.33:
    /// forehead and hair reach about a third of the box's width above it. A box that touches the edge
    /// (within 2% of its width) or reaches past it is cropped (FACE_CROPPED).
    pub border_margin: f32,
    /// Besides the person's face, faces at least this share of its width count as
    /// another person (SELFIE_MULTIPLE_FACES); default 0.3. Smaller ones are ignored
    /// as too far away to matter (or as the detector's mistakes).
    pub other_face_ratio: f32,
    /// Faces scoring at least this are clear: the person's face is the largest
    /// clear one (a faint one only when none is clear), and only clear faces count as
    /// another person; default 5.0. A faint detection is more often a texture than a
    /// face.
    pub clear_face_score: f32,
    /// The mean luma (0–255) of the face (of the whole image for documents) must be
    /// at least this; default 60 (POOR_LIGHT). A selfie with no face found gets no
    /// light finding: the light that matters is the face's.
    pub min_brightness: f32,
    /// The mean luma must be at most this; default 240 (POOR_LIGHT). White paper
    /// fills a document photo with luma 230 or so: what marks overexposure is
    /// clipping ([`max_clipped`](Self::max_clipped)), this only a uniformly glaring
    /// picture.
    pub max_brightness: f32,
    /// At most this share of the region's pixels may be clipped to white (luma 250
    /// and above); default 0.25 (POOR_LIGHT).
    pub max_clipped: f32,
    /// The face's sharpness (variance of the Laplacian over the variance of the
    /// pixels, at 64 pixels wide) must be at least this; default 0.015 (FACE_BLURR).
    pub min_face_sharpness: f32,
    /// A document's sharpness (the same figure, the whole image at 640 pixels) must
    /// be at least this; default 0.05.
    pub min_document_sharpness: f32,
}

impl Default for CheckPolicy {
    fn default() -> Self {
        Self {
            min_side: 480,
            detect_side: 480,
            min_face_score: 2.0,
            min_face_ratio: 0.2,
            max_face_ratio: 0.62,
            border_margin: 0.33,
            other_face_ratio: 0.3,
            clear_face_score: 5.0,
            min_brightness: 60.0,
            max_brightness: 240.0,
            max_clipped: 0.25,
            min_face_sharpness: 0.015,
            min_document_sharpness: 0.05,
        }
    }
}

/// `value` clamped to `low..=high`; NaN becomes `low`.
fn within(value: f32, low: f32, high: f32) -> f32 {
    if value.is_nan() {
        low
    } else {
        value.clamp(low, high)
    }
}

impl CheckPolicy {
    /// Sets [`min_side`](Self::min_side) (at most 8192).
    pub fn with_min_side(mut self, pixels: u32) -> Self {
        self.min_side = pixels.min(8192);
        self
    }

    /// Sets [`detect_side`](Self::detect_side) (clamped to 80–1920).
    pub fn with_detect_side(mut self, pixels: u32) -> Self {
        self.detect_side = pixels.clamp(80, 1920);
        self
    }

    /// Sets [`min_face_score`](Self::min_face_score) (clamped to 0.1–50).
    pub fn with_min_face_score(mut self, score: f32) -> Self {
        self.min_face_score = within(score, 0.1, 50.0);
        self
    }

    /// Sets [`min_face_ratio`](Self::min_face_ratio) (clamped to 0–1).
    pub fn with_min_face_ratio(mut self, ratio: f32) -> Self {
        self.min_face_ratio = within(ratio, 0.0, 1.0);
        self
    }

    /// Sets [`max_face_ratio`](Self::max_face_ratio) (clamped to 0–2).
    pub fn with_max_face_ratio(mut self, ratio: f32) -> Self {
        self.max_face_ratio = within(ratio, 0.0, 2.0);
        self
    }

    /// Sets [`border_margin`](Self::border_margin) (clamped to 0–2).
    pub fn with_border_margin(mut self, share: f32) -> Self {
        self.border_margin = within(share, 0.0, 2.0);
        self
    }

    /// Sets [`other_face_ratio`](Self::other_face_ratio) (clamped to 0–1).
    pub fn with_other_face_ratio(mut self, ratio: f32) -> Self {
        self.other_face_ratio = within(ratio, 0.0, 1.0);
        self
    }

    /// Sets [`clear_face_score`](Self::clear_face_score) (clamped to 0.1–50).
    pub fn with_clear_face_score(mut self, score: f32) -> Self {
        self.clear_face_score = within(score, 0.1, 50.0);
        self
    }

    /// Sets [`min_brightness`](Self::min_brightness) (clamped to 0–255).
    pub fn with_min_brightness(mut self, luma: f32) -> Self {
        self.min_brightness = within(luma, 0.0, 255.0);
        self
    }

    /// Sets [`max_brightness`](Self::max_brightness) (clamped to 0–255).
    pub fn with_max_brightness(mut self, luma: f32) -> Self {
        self.max_brightness = within(luma, 0.0, 255.0);
        self
    }

    /// Sets [`max_clipped`](Self::max_clipped) (clamped to 0–1).
    pub fn with_max_clipped(mut self, share: f32) -> Self {
        self.max_clipped = within(share, 0.0, 1.0);
        self
    }

    /// Sets [`min_face_sharpness`](Self::min_face_sharpness) (clamped to 0–20).
    pub fn with_min_face_sharpness(mut self, sharpness: f32) -> Self {
        self.min_face_sharpness = within(sharpness, 0.0, 20.0);
        self
    }

    /// Sets [`min_document_sharpness`](Self::min_document_sharpness) (clamped to 0–20).
    pub fn with_min_document_sharpness(mut self, sharpness: f32) -> Self {
        self.min_document_sharpness = within(sharpness, 0.0, 20.0);
        self
    }
}
