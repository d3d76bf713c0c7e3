//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews, each corpus counting
//! as much as the other (see `bench/geoparse.rs`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.292, -0.680, -0.615, 0.000, 0.392, 1.319, 0.581, 0.651, 0.611, 0.008, 0.000, 0.000, 0.000,
    0.043, 0.636, -0.932, -1.132, 1.063, 0.317, 0.313, 3.000, 3.000, -2.000, -0.354, -1.996, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.292, -0.680, -0.615, 0.000, 0.392, 1.319, 0.581, 0.651, 0.611, 0.008, 0.000, 0.000, 0.000,
    0.043, 0.636, -0.932, -1.132, 1.063, 0.317, 0.313, 3.000, 3.000, -2.000, -0.354, -1.996, 1.640,
    2.653, 3.240, 0.444, 1.607,
];
