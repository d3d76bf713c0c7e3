//! geocode stage.
