//! Parse throughput benchmark (filled by the parser work).
fn main() {}
