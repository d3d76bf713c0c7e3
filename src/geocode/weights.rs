//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews (see `bench/README.md`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.358, -0.756, -0.606, 0.000, 0.325, 1.346, 0.523, 0.157, 0.671, 0.008, 0.000, 0.000, 0.000,
    0.069, 0.644, -0.933, -1.129, 1.053, 0.314, 0.322, 3.000, 3.000, -2.000, -0.519, -1.359, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.358, -0.756, -0.606, 0.000, 0.325, 1.346, 0.523, 0.157, 0.671, 0.008, 0.000, 0.000, 0.000,
    0.069, 0.644, -0.933, -1.129, 1.053, 0.314, 0.322, 3.000, 3.000, -2.000, -0.519, -1.359, 1.680,
    2.504, 3.312, 0.466, 1.621,
];
