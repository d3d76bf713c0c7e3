//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Written by `cargo bench --bench geoparse -- fit`; see `bench/README.md`.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.0, 0.8, 0.0, -1.0, 0.5, 0.5, 6.0, 2.0, 0.0, 4.0, 2.0, 2.0, 1.5, 0.7, 0.3, -0.5, 0.0, 0.8,
    -0.5, 0.5, 4.0, 3.0, -2.0, -3.0, 0.0, 0.0, 0.0, 0.0, 0.0,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.0, 0.8, 0.0, -1.0, 0.5, 0.5, 6.0, 2.0, 0.0, 4.0, 2.0, 2.0, 1.5, 0.7, 0.3, -0.5, 0.0, 0.8,
    -0.5, 0.5, 4.0, 3.0, -2.0, -3.0, 3.0, 2.0, 2.0, 1.0, 1.0,
];
