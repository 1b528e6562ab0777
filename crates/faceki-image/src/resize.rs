//! Downscaling 8-bit pixels, fast and without aliasing: an integer box pre-reduction
//! when the image shrinks at least twofold, then a separable triangle (bilinear)
//! filter whose support grows with the scale, in 14-bit fixed point.
//!
//! The `image` crate's own `resize` works in `f32` on generic pixels and takes about
//! 200 ms to bring a 12-megapixel photo to 1920 px; this takes a tenth of that. The
//! box step averages every `k`×`k` block (`k` = the integer part of the scale), which
//! is the area average the crate's `thumbnail` computes; the triangle step then covers
//! the remaining factor (between 1 and 2) with a filter wide enough to average every
//! source pixel, so nothing is skipped as nearest-neighbour sampling would. Its two
//! passes are fused (each row resampled across once, into a ring of a few rows the
//! vertical pass reads), so no intermediate image is allocated, and each window is
//! only as wide as its non-zero weights.

use std::borrow::Cow;

/// Fixed-point precision of the triangle weights.
const PRECISION: u32 = 14;
const ONE: i32 = 1 << PRECISION;

/// `src` (`width`×`height` pixels of `N` channels, row-major) scaled down to
/// `out_width`×`out_height`. Sizes at least 1; an output side larger than the input's
/// side is treated as the input's (this never upscales).
pub(crate) fn downscale<const N: usize>(
    src: &[u8],
    width: u32,
    height: u32,
    out_width: u32,
    out_height: u32,
) -> Vec<u8> {
    downscale_cow::<N>(Cow::Borrowed(src), width, height, out_width, out_height)
}

/// [`downscale`] in `src`'s own memory: the result is written over the rows already
/// read, so no second image is allocated (each one is a few thousand fresh pages for
/// the allocator to fault in).
pub(crate) fn downscale_owned<const N: usize>(
    src: Vec<u8>,
    width: u32,
    height: u32,
    out_width: u32,
    out_height: u32,
) -> Vec<u8> {
    downscale_cow::<N>(Cow::Owned(src), width, height, out_width, out_height)
}

fn downscale_cow<const N: usize>(
    src: Cow<'_, [u8]>,
    width: u32,
    height: u32,
    out_width: u32,
    out_height: u32,
) -> Vec<u8> {
    let (width, height) = (width.max(1) as usize, height.max(1) as usize);
    let out_width = (out_width.max(1) as usize).min(width);
    let out_height = (out_height.max(1) as usize).min(height);
    let k = (width / out_width).min(height / out_height).max(1);
    let (buffer, width, height) = if k >= 2 {
        let boxed = box_reduce::<N>(&src, width, height, k);
        (boxed, width.div_ceil(k), height.div_ceil(k))
    } else {
        (src.into_owned(), width, height)
    };
    resample::<N>(buffer, width, height, out_width, out_height)
}

/// The longest side brought to at most `max_side`, the aspect ratio kept (each side at
/// least 1).
pub(crate) fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let max_side = max_side.max(1);
    let longest = width.max(height);
    if longest <= max_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longest) / 2) / u64::from(longest);
        u32::try_from(scaled).unwrap_or(max_side).clamp(1, max_side)
    };
    (scale(width), scale(height))
}

/// Averages each `k`×`k` block; the last column and row of blocks may be partial and
/// average what they cover.
fn box_reduce<const N: usize>(src: &[u8], width: usize, height: usize, k: usize) -> Vec<u8> {
    if k <= usize::from(u16::MAX / 255) {
        box_reduce_with::<N, u16>(src, width, height, k)
    } else {
        box_reduce_with::<N, u32>(src, width, height, k)
    }
}

/// [`box_reduce`] with column sums in `T` (`u16` holds 257 rows of 255).
fn box_reduce_with<const N: usize, T>(src: &[u8], width: usize, height: usize, k: usize) -> Vec<u8>
where
    T: Copy + Default + From<u8> + std::ops::AddAssign + Into<u64>,
{
    let (out_w, out_h) = (width.div_ceil(k), height.div_ceil(k));
    let stride = width * N;
    let mut out = vec![0u8; out_w * out_h * N];
    // Column sums of `k` rows first (a straight, vectorisable pass), then sums of `k`
    // columns, divided by a multiplication.
    let mut columns = vec![T::default(); stride];
    let reciprocal = |count: usize| ((1u64 << 32) + count as u64 / 2) / (count.max(1) as u64);
    for (oy, out_row) in out.chunks_exact_mut(out_w * N).enumerate() {
        let y0 = oy * k;
        let rows = k.min(height - y0);
        let Some(block_rows) = src.get(y0 * stride..(y0 + rows) * stride) else {
            continue;
        };
        let mut block_rows = block_rows.chunks_exact(stride);
        if let Some(first) = block_rows.next() {
            for (sum, &c) in columns.iter_mut().zip(first) {
                *sum = T::from(c);
            }
        }
        for row in block_rows {
            for (sum, &c) in columns.iter_mut().zip(row) {
                *sum += T::from(c);
            }
        }
        let whole = reciprocal(k * rows);
        for (ox, out_px) in out_row.chunks_exact_mut(N).enumerate() {
            let x0 = ox * k;
            let cols = k.min(width - x0);
            let Some(block) = columns.get(x0 * N..(x0 + cols) * N) else {
                continue;
            };
            let mut sum = [0u64; N];
            for px in block.chunks_exact(N) {
                for c in 0..N {
                    sum[c] += px[c].into();
                }
            }
            let scale = if cols == k {
                whole
            } else {
                reciprocal(cols * rows)
            };
            for c in 0..N {
                out_px[c] = ((sum[c] * scale + (1 << 31)) >> 32).min(255) as u8;
            }
        }
    }
    out
}

/// For each output position, the first of `len` source pixels and their fixed-point
/// weights: a triangle filter reaching `scale` source pixels on each side of the
/// centre (at least one, so upscaling, which never happens here, would interpolate).
struct Taps {
    start: Vec<usize>,
    /// `len` weights per output position; those outside the triangle are zero.
    weights: Vec<i32>,
    len: usize,
}

impl Taps {
    fn new(src: usize, dst: usize) -> Self {
        Self::generous_window(src, dst).tightened(src)
    }

    /// The filter in a window wide enough for the triangle at any phase.
    fn generous_window(src: usize, dst: usize) -> Self {
        let scale = src as f64 / dst as f64;
        let support = scale.max(1.0);
        let len = ((2.0 * support).ceil() as usize + 1).min(src).max(1);
        let mut start = Vec::with_capacity(dst);
        let mut weights = vec![0i32; dst * len];
        let mut raw = vec![0f64; len];
        for (i, out) in weights.chunks_exact_mut(len).enumerate() {
            let centre = (i as f64 + 0.5) * scale;
            // The window holds every pixel the triangle reaches, moved inside the
            // source at the edges (the weights of pixels it does not reach are zero).
            let first = ((centre - support).floor().max(0.0) as usize).min(src - len);
            let mut total = 0.0;
            for (j, w) in raw.iter_mut().enumerate() {
                let x = (first + j) as f64 + 0.5 - centre;
                *w = (1.0 - (x / support).abs()).max(0.0);
                total += *w;
            }
            if total <= 0.0 {
                raw.fill(0.0);
                raw[0] = 1.0;
                total = 1.0;
            }
            for (o, w) in out.iter_mut().zip(&raw) {
                *o = (w / total * f64::from(ONE)).round() as i32;
            }
            // The weights add up to exactly one: flat areas stay flat.
            let sum: i32 = out.iter().sum();
            if let Some(largest) = out.iter_mut().max_by_key(|w| **w) {
                *largest += ONE - sum;
            }
            start.push(first);
        }
        Self {
            start,
            weights,
            len,
        }
    }

    /// The same filter in the shortest window that holds every non-zero weight of
    /// every position (the generous window above often ends in zeros: at a scale of
    /// 1.04 it is 4 wide where 3 suffice), so no work is spent on zero weights.
    fn tightened(self, src: usize) -> Self {
        let span = |w: &[i32]| {
            let first = w.iter().position(|&x| x != 0).unwrap_or(0);
            let last = w.iter().rposition(|&x| x != 0).unwrap_or(first);
            (first, last + 1 - first)
        };
        let len = self
            .weights
            .chunks_exact(self.len)
            .map(|w| span(w).1)
            .max()
            .unwrap_or(self.len)
            .max(1);
        if len >= self.len {
            return self;
        }
        let mut start = Vec::with_capacity(self.start.len());
        let mut weights = vec![0i32; self.start.len() * len];
        for ((&old_start, old), new) in self
            .start
            .iter()
            .zip(self.weights.chunks_exact(self.len))
            .zip(weights.chunks_exact_mut(len))
        {
            // The non-zero run, placed in the new window; near the right edge the
            // window moves left and the run sits at its end.
            let (first, run) = span(old);
            let new_start = (old_start + first).min(src - len);
            let offset = old_start + first - new_start;
            new[offset..offset + run].copy_from_slice(&old[first..first + run]);
            start.push(new_start);
        }
        Self {
            start,
            weights,
            len,
        }
    }
}

/// The weights are never negative and add up to one, so the sum is within 0–255
/// already; `min` only guards the cast (a full `clamp` cost a fifth of the
/// horizontal pass's instructions).
fn round_to_u8(acc: i32) -> u8 {
    ((acc + (ONE >> 1)) >> PRECISION).min(255) as u8
}

/// One row's horizontal pass: the taps and the loop for their window length (the
/// common lengths get a loop the compiler unrolls).
struct RowPass<const N: usize> {
    taps: Taps,
    pass: fn(&Taps, &[u8], &mut [u8]),
}

impl<const N: usize> RowPass<N> {
    fn new(width: usize, out_width: usize) -> Self {
        let taps = Taps::new(width, out_width);
        // `M` must be `L` × `N`: only the pixel sizes used here (grey and RGB).
        let pass: fn(&Taps, &[u8], &mut [u8]) = match (N, taps.len) {
            (1, 2) => horizontal_fixed::<N, 2, 2>,
            (1, 3) => horizontal_fixed::<N, 3, 3>,
            (1, 4) => horizontal_fixed::<N, 4, 4>,
            (1, 5) => horizontal_fixed::<N, 5, 5>,
            (3, 2) => horizontal_fixed::<N, 2, 6>,
            (3, 3) => horizontal_fixed::<N, 3, 9>,
            (3, 4) => horizontal_fixed::<N, 4, 12>,
            (3, 5) => horizontal_fixed::<N, 5, 15>,
            _ => horizontal_any::<N>,
        };
        Self { taps, pass }
    }

    fn run(&self, row: &[u8], out_row: &mut [u8]) {
        (self.pass)(&self.taps, row, out_row);
    }
}

/// The triangle filter both ways, the passes fused and in place: each source row is
/// resampled across once, into a ring of as many rows as the vertical filter reaches,
/// and the vertical pass reads from the ring and writes its rows over `buffer`.
///
/// In place is safe because output row `oy` is written only after every source row
/// its window reaches has been read, and that window reaches at least source row
/// `oy` (it holds the pixel under its centre, `(oy + ½) × scale` with a scale of at
/// least one): the bytes written, up to `(oy + 1)` output rows, which are no longer
/// than source rows, end before the first source row still unread. A row evicted
/// from the ring is never needed again (the windows move down monotonically and hold
/// at most `len` rows, so rows needed together fall in different slots).
fn resample<const N: usize>(
    mut buffer: Vec<u8>,
    width: usize,
    height: usize,
    out_width: usize,
    out_height: usize,
) -> Vec<u8> {
    let (in_stride, stride) = (width * N, out_width * N);
    let rows = (out_width != width).then(|| RowPass::<N>::new(width, out_width));
    let columns = (out_height != height).then(|| Taps::new(height, out_height));
    let len = columns.as_ref().map_or(1, |taps| taps.len);
    let mut ring = vec![0u8; len * stride];
    let mut held = vec![usize::MAX; len];
    let mut acc = vec![0i32; stride];
    let identity = [ONE];
    for oy in 0..out_height {
        let (first, weights) = match &columns {
            Some(taps) => (
                taps.start.get(oy).copied().unwrap_or(0),
                taps.weights
                    .get(oy * len..(oy + 1) * len)
                    .unwrap_or(&identity),
            ),
            None => (oy, &identity[..]),
        };
        acc.fill(0);
        for (j, &w) in weights.iter().enumerate().filter(|(_, w)| **w != 0) {
            let (r, slot) = (first + j, (first + j) % len);
            let Some(held_row) = held.get_mut(slot) else {
                continue;
            };
            if *held_row != r {
                let (Some(source), Some(into)) = (
                    buffer.get(r * in_stride..(r + 1) * in_stride),
                    ring.get_mut(slot * stride..(slot + 1) * stride),
                ) else {
                    continue;
                };
                match &rows {
                    Some(pass) => pass.run(source, into),
                    None => into.copy_from_slice(source),
                }
                *held_row = r;
            }
            let Some(row) = ring.get(slot * stride..(slot + 1) * stride) else {
                continue;
            };
            for (a, &c) in acc.iter_mut().zip(row) {
                *a += w * i32::from(c);
            }
        }
        let Some(out_row) = buffer.get_mut(oy * stride..(oy + 1) * stride) else {
            continue;
        };
        for (o, &a) in out_row.iter_mut().zip(&acc) {
            // `clamp` here, where it is vectorised, measured fewer instructions than
            // `min`.
            *o = ((a + (ONE >> 1)) >> PRECISION).clamp(0, 255) as u8;
        }
    }
    buffer.truncate(stride * out_height);
    buffer
}

/// A window of `L` pixels of `N` channels, `M` = `L` × `N` bytes: taken as one array,
/// so the unrolled loop runs without a bounds check per tap.
fn horizontal_fixed<const N: usize, const L: usize, const M: usize>(
    taps: &Taps,
    row: &[u8],
    out_row: &mut [u8],
) {
    debug_assert_eq!(M, L * N);
    for ((out_px, &first), weights) in out_row
        .chunks_exact_mut(N)
        .zip(&taps.start)
        .zip(taps.weights.chunks_exact(L))
    {
        let pixels = row.get(first * N..first * N + M).map(<&[u8; M]>::try_from);
        let (Some(Ok(pixels)), Ok(weights)) = (pixels, <&[i32; L]>::try_from(weights)) else {
            continue;
        };
        let mut acc = [0i32; N];
        for t in 0..L {
            for c in 0..N {
                acc[c] += weights[t] * i32::from(pixels[t * N + c]);
            }
        }
        for c in 0..N {
            out_px[c] = round_to_u8(acc[c]);
        }
    }
}

fn horizontal_any<const N: usize>(taps: &Taps, row: &[u8], out_row: &mut [u8]) {
    for ((out_px, &first), weights) in out_row
        .chunks_exact_mut(N)
        .zip(&taps.start)
        .zip(taps.weights.chunks_exact(taps.len))
    {
        let Some(pixels) = row.get(first * N..(first + taps.len) * N) else {
            continue;
        };
        let mut acc = [0i32; N];
        for (px, &w) in pixels.chunks_exact(N).zip(weights) {
            for c in 0..N {
                acc[c] += w * i32::from(px[c]);
            }
        }
        for c in 0..N {
            out_px[c] = round_to_u8(acc[c]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_areas_stay_flat_at_any_scale() {
        let src = vec![77u8; 301 * 203 * 3];
        for (w, h) in [(300, 200), (150, 101), (97, 31), (1, 1), (301, 203)] {
            let out = downscale::<3>(&src, 301, 203, w, h);
            assert_eq!(out.len(), (w * h * 3) as usize);
            assert!(out.iter().all(|&c| c == 77), "{w}×{h}");
        }
    }

    #[test]
    fn fine_stripes_average_to_grey_instead_of_aliasing() {
        // One-pixel black and white columns: nearest-neighbour sampling at 1/2 would
        // give all black or all white; a proper filter gives mid-grey.
        let src: Vec<u8> = (0..400 * 10)
            .map(|i| if i % 2 == 0 { 0 } else { 255 })
            .collect();
        for w in [200, 190, 150, 97] {
            let out = downscale::<1>(&src, 400, 10, w, 10);
            assert!(
                out.iter().all(|&c| (100..=155).contains(&c)),
                "{w}: {out:?}"
            );
        }
    }

    #[test]
    fn a_gradient_keeps_its_ends_and_order() {
        let src: Vec<u8> = (0..256u32).map(|x| x as u8).collect();
        let out = downscale::<1>(&src, 256, 1, 100, 1);
        assert!(out.windows(2).all(|w| w[0] <= w[1]));
        assert!(out[0] < 5 && out[99] > 250, "{out:?}");
    }

    /// The passes one after the other, with the whole intermediate image: what the
    /// fused [`resample`] must equal.
    fn two_passes<const N: usize>(src: &[u8], w: usize, h: usize, ow: usize, oh: usize) -> Vec<u8> {
        let rows = Taps::new(w, ow);
        let mut mid = vec![0u8; ow * h * N];
        for (row, out) in src.chunks_exact(w * N).zip(mid.chunks_exact_mut(ow * N)) {
            horizontal_any::<N>(&rows, row, out);
        }
        let columns = Taps::new(h, oh);
        let mut out = vec![0u8; ow * oh * N];
        for (oy, out_row) in out.chunks_exact_mut(ow * N).enumerate() {
            for (x, o) in out_row.iter_mut().enumerate() {
                let weights = &columns.weights[oy * columns.len..(oy + 1) * columns.len];
                let acc: i32 = weights
                    .iter()
                    .enumerate()
                    .map(|(j, &wt)| wt * i32::from(mid[(columns.start[oy] + j) * ow * N + x]))
                    .sum();
                *o = round_to_u8(acc);
            }
        }
        out
    }

    #[test]
    fn the_fused_passes_equal_the_passes_one_after_the_other() {
        let (w, h) = (203, 157);
        let src: Vec<u8> = (0..w * h * 3)
            .map(|i| ((i * 7919) % 251) as u8 ^ (i / (w * 3)) as u8)
            .collect();
        for (ow, oh) in [
            (195, 150),
            (120, 157),
            (203, 90),
            (101, 78),
            (64, 50),
            (17, 3),
        ] {
            assert_eq!(
                resample::<3>(src.clone(), w, h, ow, oh),
                two_passes::<3>(&src, w, h, ow, oh),
                "{ow}×{oh}"
            );
        }
    }

    #[test]
    fn tightening_the_window_keeps_every_weight_in_its_place() {
        let dense = |taps: &Taps, src: usize| -> Vec<Vec<i32>> {
            (0..taps.start.len())
                .map(|i| {
                    let mut row = vec![0; src];
                    let weights = &taps.weights[i * taps.len..(i + 1) * taps.len];
                    for (j, &w) in weights.iter().enumerate() {
                        row[taps.start[i] + j] += w;
                    }
                    row
                })
                .collect()
        };
        for (src, dst) in [
            (2000, 1920),
            (1500, 1440),
            (203, 195),
            (97, 31),
            (10, 3),
            (5, 5),
        ] {
            let (tight, loose) = (Taps::new(src, dst), Taps::generous_window(src, dst));
            assert!(tight.len <= loose.len, "{src}→{dst}");
            assert_eq!(dense(&tight, src), dense(&loose, src), "{src}→{dst}");
        }
        assert_eq!(Taps::new(2000, 1920).len, 3, "1.04: three taps, not four");
    }

    #[test]
    fn fit_keeps_the_aspect_ratio() {
        assert_eq!(fit(4000, 3000, 1920), (1920, 1440));
        assert_eq!(fit(3000, 4000, 1920), (1440, 1920));
        assert_eq!(fit(640, 480, 1920), (640, 480));
        assert_eq!(fit(100_000, 1, 1920), (1920, 1));
        assert_eq!(fit(640, 480, 0), (1, 1), "a zero limit does not panic");
    }
}
