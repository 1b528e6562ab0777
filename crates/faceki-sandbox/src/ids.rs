//! Identifier generation: UUID-shaped strings from a counter, plus per-sandbox random
//! credentials and tokens.
//!
//! Ids are deterministic within one sandbox (a counter), prefixed by a random instance
//! tag so that two sandboxes never hand out the same ids.

use std::sync::atomic::{AtomicU64, Ordering};

/// Hands out UUID-looking ids (`xxxxxxxx-5a4d-4bxx-8000-nnnnnnnnnnnn`).
#[derive(Debug)]
pub(crate) struct Ids {
    instance: u32,
    next: AtomicU64,
}

impl Ids {
    pub(crate) fn new() -> Self {
        Ids {
            instance: fastrand::u32(..),
            next: AtomicU64::new(1),
        }
    }

    /// A new UUID-shaped id; `kind` (0..=255) tells apart requests, faces, links...
    pub(crate) fn uuid(&self, kind: u8) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!(
            "{:08x}-5a4d-4b{kind:02x}-8000-{:012x}",
            self.instance,
            n & 0xFFFF_FFFF_FFFF
        )
    }
}

/// `len` random lowercase hex digits, for secrets and tokens.
pub(crate) fn random_hex(len: usize) -> String {
    (0..len)
        .map(|_| char::from_digit(fastrand::u32(..16), 16).unwrap_or('0'))
        .collect()
}

/// Id kinds, so ids of different things never look alike.
pub(crate) mod kind {
    /// A verification request id.
    pub(crate) const REQUEST: u8 = 0x01;
    /// A face id.
    pub(crate) const FACE: u8 = 0x02;
    /// A link id.
    pub(crate) const LINK: u8 = 0x03;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_shaped_and_distinct() {
        let ids = Ids::new();
        let a = ids.uuid(kind::REQUEST);
        let b = ids.uuid(kind::REQUEST);
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(random_hex(32).len(), 32);
    }
}
