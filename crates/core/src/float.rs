//! The `f64` methods the crate uses that `core` lacks (std has them, through the platform's
//! math library): std's definitions, on libm's functions, which are single instructions
//! on wasm32.

/// The fractional part, as `f64::fract`: `NaN` for infinities and `NaN`.
pub fn fract(n: f64) -> f64 {
    n - libm::trunc(n)
}

/// Rounded half away from zero, as `f64::round`.
pub fn round(n: f64) -> f64 {
    libm::round(n)
}

/// The least integer not below `n`, as `f64::ceil`.
pub fn ceil(n: f64) -> f64 {
    libm::ceil(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_std() {
        for n in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.25,
            -2.75,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            assert_eq!(fract(n).to_bits(), n.fract().to_bits(), "fract {n}");
            assert_eq!(round(n).to_bits(), n.round().to_bits(), "round {n}");
            assert_eq!(ceil(n).to_bits(), n.ceil().to_bits(), "ceil {n}");
        }
    }
}
