//! Building messages without `core::fmt`, whose machinery (`Formatter`, padding, integer
//! formatting) costs the wasm build several kilobytes for what `concat` does as well.

use crate::prelude::*;

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut digits = Vec::new();
    let mut rest = n;
    loop {
        digits.push(char::from(b'0' + (rest % 10) as u8));
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn writes_numbers_as_display_does() {
        for n in [0, 7, 10, 99, 100, 429, 30_000, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
