//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews (see `bench/README.md`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.282, -0.588, -0.698, 0.000, 0.168, 1.159, 0.056, 0.071, 0.473, 0.683, 0.000, -0.628, 0.103,
    0.815, 0.229, -1.170, -1.087, 1.019, 1.126, 0.395, 3.000, 3.000, -2.000, -0.360, -1.567, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.282, -0.588, -0.698, 0.000, 0.168, 1.159, 0.056, 0.071, 0.473, 0.683, 0.000, -0.628, 0.103,
    0.815, 0.229, -1.170, -1.087, 1.019, 1.126, 0.395, 3.000, 3.000, -2.000, -0.360, -1.567, 1.534,
    2.293, 3.792, 0.705, 1.356,
];
