//! text stage.
