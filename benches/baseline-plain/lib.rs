//! Nothing here: the crate is its benchmark, `benches/plain.rs`.
