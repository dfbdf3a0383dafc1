//! The checks the fuzz targets run. `harness.rs` is also compiled into
//! hamish-core's test suite (`crates/hamish-core/tests/formats_fuzz.rs`),
//! where proptest drives the same entry points on the stable toolchain.

pub mod harness;
