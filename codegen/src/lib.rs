//! Code generator library.
