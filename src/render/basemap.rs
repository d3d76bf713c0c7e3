//! Natural Earth country shapes.
