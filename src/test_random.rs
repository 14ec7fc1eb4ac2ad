//! A small xorshift generator for the tests: no dependency, and the same numbers on every run.

/// xorshift64 numbers from `seed`, which must not be zero.
pub fn numbers(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Numbers from `seed`, each below the bound asked for.
pub fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut next = numbers(seed);
    move |bound| (next() % bound as u64) as usize
}
