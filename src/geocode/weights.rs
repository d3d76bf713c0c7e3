//! Fitted feature weights, in the order of [`super::score::FEATURE_NAMES`].
//! Fitted by `cargo bench --bench geoparse -- fit isolated|context LGL.xml GWN.xml`
//! on the even-numbered articles of LGL and GeoWebNews (see `bench/README.md`);
//! the hints' weights (kind word, province given or missed) are set by hand,
//! since the corpora give no hints to fit them on.

/// Weights of the first pass and of the isolated setting (no context).
pub const ISOLATED_WEIGHTS: [f64; super::score::FEATURES] = [
    1.309, -0.642, -0.674, 0.000, 0.146, 1.112, 0.321, 0.695, 0.271, 0.003, 0.000, 0.000, 0.407,
    0.955, 0.293, -1.171, -1.111, 0.992, 0.478, 0.298, 3.000, 3.000, -2.000, -0.245, -0.748, 0.000,
    0.000, 0.000, 0.000, 0.000,
];

/// Weights of the second pass, with the file's context.
pub const CONTEXT_WEIGHTS: [f64; super::score::FEATURES] = [
    1.309, -0.642, -0.674, 0.000, 0.146, 1.112, 0.321, 0.695, 0.271, 0.003, 0.000, 0.000, 0.407,
    0.955, 0.293, -1.171, -1.111, 0.992, 0.478, 0.298, 3.000, 3.000, -2.000, -0.245, -0.748, 1.607,
    2.333, 3.769, 0.701, 1.583,
];
