//! The responses digest: one value that names exactly which responses were combined, whatever
//! order they were read in, in memory that does not grow with their number.
//!
//! A list of every response's sha256 would grow with the responses (a report of 100,000
//! responses would hold megabytes of hashes), and one hash over the sorted list needs the
//! whole list to sort. So the digest is a homomorphic set hash in the manner of LtHash
//! (Bellare and Micciancio; Lewi et al., 2019): each response's sha256 is expanded into 1,024
//! 16-bit numbers, which are added, wrapping, into a running sum. Addition does not care
//! about order, a response changed, added, removed or given twice changes the sum, and
//! finding two sets of responses with the same sum is a hard lattice problem, which a plain
//! sum of the hashes (open to generalised birthday attacks) would not be. The digest is the
//! sha256 of the count and the sum. docs/scoring.md#the-responses-digest gives the recipe.

use sha2::{Digest as _, Sha256};

/// Numbers in the running sum.
const WIDTH: usize = 1024;
/// Separates these hashes from any other use of sha256 on the same text.
const DOMAIN: &[u8] = b"coopai responses digest v1";

#[derive(Debug, Clone)]
pub(super) struct Digest {
    sum: Box<[u16; WIDTH]>,
    count: u64,
}

impl Default for Digest {
    fn default() -> Self {
        Self {
            sum: Box::new([0; WIDTH]),
            count: 0,
        }
    }
}

impl Digest {
    /// Adds one response, by the sha256 of its file as the response records it (hex text).
    pub(super) fn add(&mut self, sha256: &str) {
        // A seed, seed = sha256(DOMAIN, 0, the response's sha256), then 64 blocks of 32 bytes,
        // sha256(seed, block number): each block fits one round of sha256.
        let seed = Sha256::new()
            .chain_update(DOMAIN)
            .chain_update([0])
            .chain_update(sha256.as_bytes())
            .finalize();
        for block in 0..WIDTH / 16 {
            let bytes = Sha256::new()
                .chain_update(seed)
                .chain_update([block as u8])
                .finalize();
            for (i, pair) in bytes.chunks_exact(2).enumerate() {
                let n = &mut self.sum[block * 16 + i];
                *n = n.wrapping_add(u16::from_le_bytes([pair[0], pair[1]]));
            }
        }
        self.count += 1;
    }

    /// sha256(DOMAIN, 1, the count as 8 bytes little-endian, the sum as 2,048 bytes
    /// little-endian), in hex.
    pub(super) fn hex(&self) -> String {
        let mut hash = Sha256::new()
            .chain_update(DOMAIN)
            .chain_update([1])
            .chain_update(self.count.to_le_bytes());
        for n in self.sum.iter() {
            hash.update(n.to_le_bytes());
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Digest;

    fn digest(hashes: &[&str]) -> String {
        let mut d = Digest::default();
        hashes.iter().for_each(|h| d.add(h));
        d.hex()
    }

    #[test]
    fn the_digest_names_the_set_of_responses_not_their_order() {
        assert_eq!(digest(&["a", "b", "c"]), digest(&["c", "a", "b"]));
        assert_ne!(
            digest(&["a", "b"]),
            digest(&["a", "b", "b"]),
            "a repeat counts"
        );
        assert_ne!(digest(&["a", "b"]), digest(&["a", "c"]), "a change counts");
        assert_ne!(digest(&[]), digest(&["a"]));
    }

    /// The recipe in docs/scoring.md, worked independently (Python's hashlib), gives these.
    #[test]
    fn the_digest_follows_the_documented_recipe() {
        assert_eq!(
            digest(&[]),
            "91169eb7ffa1402f5219882c3beeb71e12f883cd966937d3c328f9d7d002c3e1"
        );
        assert_eq!(
            digest(&["a", "b"]),
            "a7f8b68b4d423e471e699c2a4cadc7a0bd367c8b3809b9250682d48e8f7353c0"
        );
    }
}
