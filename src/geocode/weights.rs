//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews, each corpus counting
//! as much as the other (see `bench/geoparse.rs`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.359, -0.756, -0.606, 0.000, 0.324, 1.345, 0.532, 0.149, 0.675, 0.008, 0.000, 0.000, 0.000,
    0.066, 0.644, -0.929, -1.124, 1.048, 0.313, 0.329, 3.000, 3.000, -2.000, -0.511, -1.349, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.359, -0.756, -0.606, 0.000, 0.324, 1.345, 0.532, 0.149, 0.675, 0.008, 0.000, 0.000, 0.000,
    0.066, 0.644, -0.929, -1.124, 1.048, 0.313, 0.329, 3.000, 3.000, -2.000, -0.511, -1.349, 1.674,
    2.449, 3.306, 0.463, 1.669,
];
