//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews (see `bench/README.md`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.342, -0.705, -0.646, 0.000, 0.276, 1.154, 0.263, 0.542, 0.622, 0.003, 0.000, 0.000, 0.000,
    0.346, 0.389, -1.207, -1.201, 0.969, 0.454, 0.248, 3.000, 3.000, -2.000, -0.287, -1.201, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.342, -0.705, -0.646, 0.000, 0.276, 1.154, 0.263, 0.542, 0.622, 0.003, 0.000, 0.000, 0.000,
    0.346, 0.389, -1.207, -1.201, 0.969, 0.454, 0.248, 3.000, 3.000, -2.000, -0.287, -1.201, 1.640,
    2.429, 3.645, 0.646, 1.596,
];
