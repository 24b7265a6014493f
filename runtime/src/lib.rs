//! Support crate for generated code.
